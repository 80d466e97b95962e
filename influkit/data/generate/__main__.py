"""``python -m influkit.data.generate``: write every sample dataset and refresh the README."""

from influkit.data.generate.write import main

raise SystemExit(main())

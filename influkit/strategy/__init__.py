"""Module 5, strategy: the client's history (:mod:`.history`), SMART objectives (:mod:`.objectives`) and the conditions of success (:mod:`.success`)."""

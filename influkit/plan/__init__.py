"""The plan, the spine of the app: its model and migrations (:mod:`.model`), where plans are stored (:mod:`.storage`) and its published JSON schema (:mod:`.schema`)."""

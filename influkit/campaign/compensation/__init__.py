"""Module 6, remuneration: the models seen from both sides (:mod:`.models`) and the plan's simulator, the model chosen per influencer and the budget lines it puts in the plan (:mod:`.simulator`)."""

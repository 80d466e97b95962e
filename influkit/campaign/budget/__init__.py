"""Module 7's budget: the optimiser under an envelope and the totals (:mod:`.optimiser`), and the plan's budget lines, candidates and constraints (:mod:`.plan`)."""

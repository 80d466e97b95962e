"""Module 3, a win-win relationship: the partnership pipeline and relationship levels
(:mod:`.pipeline`), outreach messages (:mod:`.outreach`), the argument builder
(:mod:`.arguments`), the negotiation role play (:mod:`.negotiation`) and the influencer brief
(:mod:`.brief`). Everything is stored in ``plan.relationship``.
"""

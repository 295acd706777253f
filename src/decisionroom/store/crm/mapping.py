"""How CRM columns, stages and contact roles map onto a decision (docs/crm.md)."""

from __future__ import annotations

__all__ = [
    "COMPETITOR_COLUMNS",
    "CONTACT_COLUMNS",
    "HUBSPOT_COLUMNS",
    "INFLUENCE",
    "KEPT_IN_CRM",
    "SALESFORCE_COLUMNS",
    "STAGES",
]

SALESFORCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("Opportunity Name",),
    "id": ("Opportunity ID", "Opportunity Id", "Id"),
    "client": ("Account Name", "Account"),
    "stage": ("Stage",),
    "amount": ("Amount",),
    "close_date": ("Close Date",),
    "next_step": ("Next Step",),
    "owner": ("Opportunity Owner", "Owner"),
    "probability": ("Probability (%)", "Probability"),
}
HUBSPOT_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("Deal Name",),
    "id": ("Record ID", "Deal ID"),
    "client": ("Associated Company", "Associated Company (Primary)", "Company name", "Company"),
    "stage": ("Deal Stage",),
    "amount": ("Amount",),
    "close_date": ("Close Date",),
    "next_step": ("Next Step", "Next step"),
    "owner": ("Deal owner", "Deal Owner"),
    "pipeline": ("Pipeline",),
}
CONTACT_COLUMNS: dict[str, tuple[str, ...]] = {
    "opportunity": ("Opportunity Name", "Deal Name"),
    "opportunity_id": ("Opportunity ID", "Opportunity Id", "Record ID", "Deal ID"),
    "name": ("Contact Name", "Full Name", "Name"),
    "first_name": ("First Name",),
    "last_name": ("Last Name",),
    "role": ("Role", "Contact Role", "Buying Role"),
    "title": ("Title", "Job Title"),
    "primary": ("Primary", "Is Primary"),
}
COMPETITOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "opportunity": ("Opportunity Name", "Deal Name"),
    "opportunity_id": ("Opportunity ID", "Opportunity Id", "Record ID", "Deal ID"),
    "name": ("Competitor Name", "Competitor"),
    "strengths": ("Strengths",),
    "weaknesses": ("Weaknesses",),
}
#: Columns a CRM export holds that have no place in a decision file; they stay in the CRM.
KEPT_IN_CRM = ("amount", "close_date", "next_step", "owner", "probability", "pipeline")

#: CRM stage (lower case) -> where the client is in its decision (DESIGN stages).
STAGES = {
    # Salesforce's default sales process
    "prospecting": "goal",
    "qualification": "challenges",
    "needs analysis": "needs",
    "value proposition": "options",
    "id. decision makers": "options",
    "perception analysis": "shortlist",
    "proposal/price quote": "shortlist",
    "negotiation/review": "decision",
    "closed won": "results",
    "closed lost": "results",
    # HubSpot's default deal pipeline (labels and internal ids)
    "appointment scheduled": "needs",
    "appointmentscheduled": "needs",
    "qualified to buy": "needs",
    "qualifiedtobuy": "needs",
    "presentation scheduled": "options",
    "presentationscheduled": "options",
    "decision maker bought-in": "shortlist",
    "decisionmakerboughtin": "shortlist",
    "contract sent": "decision",
    "contractsent": "decision",
    "closedwon": "results",
    "closedlost": "results",
}

#: Salesforce contact role (lower case) -> influence in the group weights.
INFLUENCE = {
    "decision maker": 3.0,
    "economic buyer": 3.0,
    "executive sponsor": 2.0,
    "technical buyer": 2.0,
    "evaluator": 1.5,
    "influencer": 1.0,
    "business user": 1.0,
    "other": 1.0,
}

"""CRM interop by CSV: Salesforce and HubSpot exports in, one row per decision out.

``read_opportunities`` turns a Salesforce opportunity export (with its contact
roles and competitors) or a HubSpot deal export into decision-file data, one
decision per opportunity, built on a template decision that holds the
factors and the options the seller usually weighs (docs/crm.md). Unknown
columns are ignored with a note; broken rows are reported by line number and
nothing is imported unless every row is sound. ``export_csv`` writes the
recommendation of each decision as a CSV ready to update the CRM, safe against
formula injection.
"""

from decisionroom.store.crm.build import read_opportunities
from decisionroom.store.crm.export import export_csv

__all__ = ["export_csv", "read_opportunities"]

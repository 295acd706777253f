"""Templates (decision types), discovery questions and their rules, readiness, search, outcomes.

Templates are validated data files (``library/templates/*.yaml``) plus a
user's own folder; see docs/library.md for the format and the rules.
"""

from decisionroom.library.catalog import Catalog, default_user_folder
from decisionroom.library.starter import new_decision, to_template
from decisionroom.library.template import Template

__all__ = ["Catalog", "Template", "default_user_folder", "new_decision", "to_template"]

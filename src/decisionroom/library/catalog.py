"""Find and load templates: the ones shipped in the package and a user's own folder.

The user folder is the one named by ``DECISIONROOM_TEMPLATES_DIR`` or, when
unset, ``~/.config/decisionroom/templates`` (``$XDG_CONFIG_HOME`` is honoured).
The CLI resolves it and passes it in; nothing here reads the environment on
import. A user template with the id of a shipped one replaces it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from decisionroom.errors import ErrorDetail, InvalidInput
from decisionroom.library.template import Template

__all__ = ["Catalog", "InvalidTemplate", "TemplateNotFound", "default_user_folder", "load"]

MAX_TEMPLATE_BYTES = 1024 * 1024


class InvalidTemplate(InvalidInput):
    """A template file breaks the template schema."""


class TemplateNotFound(InvalidInput):
    """No template has the requested id."""


def default_user_folder(env: Mapping[str, str] | None = None) -> Path:
    """The user's template folder: ``DECISIONROOM_TEMPLATES_DIR`` or the config default."""
    env = os.environ if env is None else env
    if env.get("DECISIONROOM_TEMPLATES_DIR"):
        return Path(env["DECISIONROOM_TEMPLATES_DIR"])
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "decisionroom" / "templates"


def parse_template(data: Any, source: str) -> Template:
    """Validate template data; every problem is reported with its location."""
    try:
        return Template.model_validate(data)
    except ValidationError as exc:
        details = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            where = f"{source}: {loc}" if source and loc else loc or source
            details.append(ErrorDetail(where, err["type"], err["msg"] + "."))
        raise InvalidTemplate(details) from None


def load(path: str | os.PathLike[str]) -> Template:
    """Read and validate one template file (YAML or JSON)."""
    from decisionroom.files import read_input
    from decisionroom.model.fileio import parse

    raw = read_input(path, limit=MAX_TEMPLATE_BYTES, what="a template")
    fmt: Literal["yaml", "json"] = "json" if Path(path).suffix.lower() == ".json" else "yaml"
    return parse_template(parse(raw, fmt, source=os.fspath(path)), os.fspath(path))


@functools.cache
def shipped() -> tuple[Template, ...]:
    """The templates shipped in the package, read once per process (they are frozen)."""
    folder = files("decisionroom.library").joinpath("templates")
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            from decisionroom.model.fileio import parse

            data = parse(entry.read_bytes(), "yaml", source=entry.name)
            out.append(parse_template(data, f"library/templates/{entry.name}"))
    return tuple(out)


def _user(folder: Path | None) -> list[Template]:
    if folder is None or not folder.is_dir():
        return []
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json"))
    return [load(p) for p in paths]


@dataclass(frozen=True)
class Catalog:
    """Every template available: shipped ones, then the user's (which win on the same id).

    A workspace's own templates, from the team store, come last and win over
    both (:func:`decisionroom.store.library.workspace_catalog`).
    """

    templates: tuple[Template, ...]
    user_ids: frozenset[str] = frozenset()
    workspace_ids: frozenset[str] = frozenset()

    @classmethod
    def load(cls, user_folder: Path | None = None) -> Catalog:
        """Shipped templates plus those in ``user_folder`` (when it exists)."""
        by_id = {t.id: t for t in shipped()}
        user = _user(user_folder)
        for t in user:
            by_id[t.id] = t
        return cls(tuple(by_id.values()), frozenset(t.id for t in user))

    def with_templates(self, own: list[Template]) -> Catalog:
        """This catalog with a workspace's own templates added; they win on the same id."""
        by_id = {t.id: t for t in self.templates}
        for t in own:
            by_id[t.id] = t
        ids = frozenset(t.id for t in own)
        return Catalog(tuple(by_id.values()), self.user_ids - ids, ids)

    def source(self, template_id: str) -> Literal["shipped", "user", "workspace"]:
        """Where the template with this id comes from."""
        if template_id in self.workspace_ids:
            return "workspace"
        return "user" if template_id in self.user_ids else "shipped"

    def get(self, template_id: str, loc: str = "--template") -> Template:
        """The template with this id."""
        for t in self.templates:
            if t.id == template_id:
                return t
        known = ", ".join(t.id for t in self.templates)
        raise TemplateNotFound.at(
            loc,
            f"There is no template with this id; the templates are: {known}.",
            code="unknown_template",
            input=template_id,
        )

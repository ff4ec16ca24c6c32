"""Help text that names each parameter by its metavar, never by its Python type.

typer (0.29) prints an argument's annotation beside it (`<list[Path]>`, `<path>`), a flag without a
metavar as `<bool>` (its own --help among them), and a required argument in the usage line as
`{inputs}...`. The command and group classes here show an argument by its metavar (`PATHS...`,
`FILE`, `[DIR]` when optional) in both places and print no type beside --help, through the hooks
typer's parameters and commands offer (`display_type_rich`, `get_usage_pieces`, `get_help_option`).
"""

from __future__ import annotations

from typer import _click
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption


class _Argument(TyperArgument):
    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return None

    def get_usage_pieces(self, ctx: _click.Context) -> list[str]:
        return [self.display_name_raw if self.required else f"[{self.display_name_raw}]"]


class _NoHelpType(_click.Command):
    """--help printed without a type beside it."""

    def get_help_option(self, ctx: _click.Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option


class Command(_NoHelpType, TyperCommand):
    """A sub-command whose arguments are shown by their metavars in its help and usage."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument


class Group(_NoHelpType, TyperGroup):
    """A command group (`extractor`, `extractor train`), its --help shown without a type."""

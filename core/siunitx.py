r"""siunitx's units as pandoc's LaTeX reader reads them right: each unit with its power
written after it (``\centi\meter\tothe{-3}``).

pandoc's reader drops a ``\per`` that opens a unit argument, or comes before
``\square`` or ``\cubic``, and doubles the sign of a second one: ``\per\cubic\centi\meter``
printed "cm³", ``\joule\per\mole\per\kelvin`` "J mol K⁻⁻¹" — a quantity with the wrong
unit, in every edition but LaTeX. Written with explicit powers, it reads them right.

>>> explicit_powers(r"\SI{3.2e19}{\per\cubic\centi\meter} and \si{\joule\per\mole\per\kelvin}")
'\\SI{3.2e19}{\\centi\\meter\\tothe{-3}} and \\si{\\joule\\mole\\tothe{-1}\\kelvin\\tothe{-1}}'
>>> explicit_powers(r"\SIrange{15.92}{16}{\per\square\meter}, \si{\meter\per\second\squared}")
'\\SIrange{15.92}{16}{\\meter\\tothe{-2}}, \\si{\\meter\\second\\tothe{-2}}'
>>> explicit_powers(r"\si{\kilo\gram\per\meter} \SI{3}{\metre} \si{m.s^{-1}}")  # the others as written
'\\si{\\kilo\\gram\\meter\\tothe{-1}} \\SI{3}{\\metre} \\si{m.s^{-1}}'
"""
from __future__ import annotations

import re

# A quantity or unit command (siunitx 2 and 3), its options, its numbers, then the
# unit argument when that holds only unit macros (\kilo, \tothe{2}, …).
UNIT_COMMAND = re.compile(r"(\\(?:SI|si|qty|unit|SIrange|qtyrange|SIlist|qtylist)\*?\s*(?:\[[^\]\n]*\])?"
                          r"(?:\s*\{[^{}]*\}){0,2}?\s*)\{((?:\s*\\[A-Za-z]+(?:\s*\{[^{}]*\})?)+\s*)\}")
UNIT_PART = re.compile(r"\\([A-Za-z]+)(?:\s*\{([^{}]*)\})?")
PREFIXES = frozenset({"quecto", "ronto", "yocto", "zepto", "atto", "femto", "pico", "nano", "micro", "milli",
                      "centi", "deci", "deca", "deka", "hecto", "kilo", "mega", "giga", "tera", "peta", "exa",
                      "zetta", "yotta", "ronna", "quetta", "kibi", "mebi", "gibi", "tebi"})
POWER_BEFORE = {"square": 2, "cubic": 3}
POWER_AFTER = {"squared": 2, "cubed": 3}
INTEGER = re.compile(r"\s*[-+]?\d+\s*")


# A unit command whose argument opens with a number: a quantity (Copernicus' class defines
# ``\unit`` to set what it is given, ``\unit{0.872\,m\,s^{-1}}``); siunitx's reading, which
# pandoc's reader follows, takes the number's point for a product: "0 872 m s⁻¹".
NUMBER_IN_UNIT = re.compile(r"\\(?:unit|si)\s*\{\s*([-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?)\s*(?:\\[,;: ]|~|\s)*"
                            r"((?:[^{}]|\{[^{}]*\})*)\}")


def explicit_powers(tex: str) -> str:
    """``tex`` with the unit arguments that hold a ``\\per`` or a ``\\raiseto`` written
    with explicit powers, a unit argument that opens with a number as a quantity; any
    other unit argument as written.

    >>> explicit_powers(r"The speed was \\unit{0.872\\,m\\,s^{-1}}; \\unit{m}")
    'The speed was \\\\qty{0.872}{m\\\\,s^{-1}}; \\\\unit{m}'
    """
    tex = NUMBER_IN_UNIT.sub(lambda match: f"\\qty{{{match.group(1)}}}{{{match.group(2).strip()}}}", tex)
    return UNIT_COMMAND.sub(lambda match: match.group(1) + "{" + units(match.group(2)) + "}", tex)


def units(argument: str) -> str:
    """One unit argument with explicit powers, or as written when it needs none or
    holds what this reading does not know (``\\of{…}``, a power that is no integer)."""
    parts = UNIT_PART.findall(argument)
    if not any(name in ("per", "raiseto") for name, _ in parts):
        return argument
    written, prefixes, power, inverse = [], "", None, False
    for name, value in parts:
        if name == "per":
            inverse = True
        elif name in POWER_BEFORE or name == "raiseto":
            if name == "raiseto" and not INTEGER.fullmatch(value):
                return argument
            power = POWER_BEFORE.get(name) or int(value)
        elif name in PREFIXES:
            prefixes += f"\\{name}"
        elif name in POWER_AFTER or name == "tothe":
            if not written or name == "tothe" and not INTEGER.fullmatch(value):
                return argument
            written[-1][1] = (POWER_AFTER.get(name) or int(value)) * (-1 if written[-1][1] < 0 else 1)
        elif value:  # a unit takes no argument: \of{…}, \highlight{…}
            return argument
        else:
            written.append([f"{prefixes}\\{name}", (power or 1) * (-1 if inverse else 1)])
            prefixes, power, inverse = "", None, False
    if prefixes or power or inverse:  # a prefix or a power with no unit after it
        return argument
    return "".join(unit + (f"\\tothe{{{power}}}" if power != 1 else "") for unit, power in written)

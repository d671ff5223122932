"""Assessment: combine the instruments in force on a date into a gap report per criterion.

``lawcompare.assess(corpus, jurisdiction, on)`` works although ``assess`` is also this
subpackage's name: the module is callable and forwards to :func:`lawcompare.assess.rules.assess`.
"""

import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from lawcompare.assess.rules import assess

        return assess(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

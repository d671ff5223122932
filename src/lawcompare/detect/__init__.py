"""Detection: find rubric elements and penalties in statute text, pointing at the words.

``lawcompare.detect(text, lang=..., rubric=...)`` works although ``detect`` is also this
subpackage's name: the module is callable and forwards to :func:`lawcompare.detect.engine.detect`.
"""

import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from lawcompare.detect.engine import detect

        return detect(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

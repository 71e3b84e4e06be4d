"""One serving worker: ``streamlit run`` with the dashboard's modules imported and frozen beforehand.

    python deploy/streamlit_worker.py run app.py --server.port=8601 --server.address=127.0.0.1

Same arguments as ``streamlit``. Before Streamlit starts, this imports the engine, the dashboard
helpers and the libraries the pages use (pandas, plotly, numpy), loads the policy registry, collects
once and calls :func:`gc.freeze`. Those ~150,000 long-lived objects then leave the collector's view:
a full collection (Streamlit's after every script run, or Python's own) no longer walks them, and the
first visitor does not wait for the imports. The cost: objects frozen here are never freed, which is
what a module does anyway; the collection just before the freeze keeps garbage out of it.
"""

from __future__ import annotations

import gc
import importlib
import logging
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = ("pandas", "numpy", "plotly.graph_objects", "plotly.io", "pydantic", "yaml")
PACKAGES = ("calculator", "dashboard")


def preload() -> int:
    """Import what every page needs; return how many objects were frozen."""
    sys.path.insert(0, str(ROOT))
    # st.cache_data checks its options when a module is imported; without the runtime yet it warns
    # that it would use memory storage. The cached functions use the runtime's storage when called.
    logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)
    for name in LIBRARIES:
        importlib.import_module(name)
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.iter_modules(package.__path__, package_name + "."):
            if not module.name.endswith("__main__"):
                importlib.import_module(module.name)
    from calculator.registry import default_registry

    default_registry()  # the policy files, parsed and validated once
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def main() -> None:
    preload()
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()

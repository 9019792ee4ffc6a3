"""Run notebooks headless for export: charts as inline SVG, the learner's records in a temp folder.

Each notebook runs in its own kernel, started with ``OCWORKBOOK_RENDERER=svg`` (Altair draws
through vl-convert: no script, no network), ``OCWORKBOOK_HOME`` set to the edition being
exported, and ``OCWORKBOOK_STATE`` in a temporary folder (an export never writes progress into
anybody's workbook). Several notebooks run side by side (``jobs``), each in its own process.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from ..errors import WorkbookError
from ..i18n import t

#: Seconds one cell may take (the workbook's cells take a few seconds; this is a safety net).
DEFAULT_TIMEOUT = 180
#: A notebook whose kernel stalls or dies is run once more in a fresh kernel before giving up.
ATTEMPTS = 2


def export_environment(root: Path, state: Path) -> dict:
    env = dict(os.environ)
    env.update({"OCWORKBOOK_RENDERER": "svg", "OCWORKBOOK_HOME": str(root), "OCWORKBOOK_STATE": str(state),
                "PYDEVD_DISABLE_FILE_VALIDATION": "1"})
    return env


def execute_one(path: str, root: str, timeout: int = DEFAULT_TIMEOUT) -> dict:
    """Execute the notebook at ``path`` (inside the workbook ``root``); returns it, with outputs, as JSON text."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    for attempt in range(1, ATTEMPTS + 1):
        notebook = nbformat.read(path, as_version=4)
        with tempfile.TemporaryDirectory(prefix="ocw-export-") as state:
            # IPC sockets in a private folder, not TCP ports: kernels started side by side by separate
            # processes can otherwise pick the same free port, and a client then talks to the wrong
            # kernel and waits forever (seen as a stalled export, both processes idle).
            from jupyter_client.manager import KernelManager

            manager = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(state) / "kernel"))
            client = NotebookClient(notebook, km=manager, timeout=timeout, kernel_name="python3",
                                    resources={"metadata": {"path": str(Path(path).parent)}})
            try:
                client.execute(env=export_environment(Path(root), Path(state)))
            except CellExecutionError as error:
                first = str(error).strip().splitlines()
                raise WorkbookError(t("publish.cell_failed", error=first[-1] if first else ""), path=path) from None
            except (CellTimeoutError, DeadKernelError, TimeoutError) as error:
                if attempt == ATTEMPTS:
                    raise WorkbookError(t("publish.cell_failed", error=type(error).__name__), path=path) from None
                print(f"{path}: {type(error).__name__}, nouvel essai", file=sys.stderr)
                continue
            finally:  # the client does not stop a kernel it did not create
                if manager.has_kernel:
                    manager.shutdown_kernel(now=True)
        return nbformat.writes(notebook)
    raise AssertionError("unreachable")  # pragma: no cover


def execute_all(paths: list[Path], root: Path, jobs: int = 2, timeout: int = DEFAULT_TIMEOUT) -> dict[Path, str]:
    """Execute ``paths`` (``jobs`` at a time); returns {path: executed notebook (JSON text)}.

    Each notebook runs in a fresh ``python -m ocworkbook.publish.execute`` process: a forked or
    spawned worker of a process that already runs an event loop (Playwright, Jupyter) can wait forever.
    """
    if jobs <= 1 or len(paths) <= 1:
        return {p: execute_one(str(p), str(root), timeout) for p in paths}
    import subprocess

    results: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="ocw-executed-") as tmp:
        pending = list(enumerate(paths))
        running: list[tuple[Path, Path, object, subprocess.Popen]] = []
        while pending or running:
            while pending and len(running) < jobs:
                number, path = pending.pop(0)
                target = Path(tmp) / f"{number}.ipynb"
                command = [sys.executable, "-m", "ocworkbook.publish.execute", str(path), str(root), str(target),
                           str(timeout)]
                # stderr goes to a file, not a pipe: a pipe nobody reads yet can fill up and block a child
                log = open(Path(tmp) / f"{number}.log", "w+", encoding="utf-8")  # noqa: SIM115 - closed below
                running.append((path, target, log, subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)))
            path, target, log, process = running.pop(0)
            process.wait()
            log.seek(0)
            errors = log.read()
            log.close()
            if process.returncode != 0:
                for _, _, other_log, other in running:
                    other.kill()
                    other.wait()
                    other_log.close()
                lines = [line for line in errors.strip().splitlines() if "WARNING" not in line]
                if lines and lines[-1].startswith(str(path)):  # the child already named the notebook
                    raise WorkbookError(lines[-1][len(str(path)):].lstrip(" :"), path=str(path))
                raise WorkbookError(t("publish.cell_failed", error=lines[-1] if lines else process.returncode),
                                    path=str(path))
            results[path] = target.read_text(encoding="utf-8")
    return results


def _main(argv: list[str]) -> int:
    """``python -m ocworkbook.publish.execute NOTEBOOK ROOT OUTPUT [TIMEOUT]`` (used by :func:`execute_all`)."""
    from ..errors import WorkbookError as _Error

    path, root, output = argv[:3]
    timeout = int(argv[3]) if len(argv) > 3 else DEFAULT_TIMEOUT
    try:
        text = execute_one(path, root, timeout)
    except _Error as error:
        print(str(error), file=sys.stderr)
        return 1
    Path(output).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))

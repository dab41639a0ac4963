# Runs one cell in a Jupyter kernel and prints what it output: sent by the harness
# to a notebook server's container and run there with its own python3, so the cell
# runs in the kernels that server offers. Arguments: the kernel's name, the code.
# Exits 1, with the kernel's error, when the cell fails.
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

kernel, code = sys.argv[1], sys.argv[2]
notebook = nbformat.v4.new_notebook()
notebook.cells.append(nbformat.v4.new_code_cell(code))
try:
    NotebookClient(notebook, kernel_name=kernel, timeout=120).execute()
except CellExecutionError as error:
    print(error, file=sys.stderr)
    sys.exit(1)
for output in notebook.cells[0].outputs:
    if output.output_type == "stream":
        print(output.text, end="")
    elif "data" in output:
        print(output.data.get("text/plain", ""))

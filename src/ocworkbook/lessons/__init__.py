"""Pure models behind the themed notebooks (deliberation, recomposition of tables, …), with thin widgets."""

"""The local backend: an .xlsx workbook, questionnaire exports and .docx files in a directory."""
from sync.local.create import create_local_workspace, existing_workspace
from sync.local.workbook import WORKBOOK, LocalWorkspace

__all__ = ["LocalWorkspace", "WORKBOOK", "create_local_workspace", "existing_workspace"]

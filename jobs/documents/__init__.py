"""Documents: the pure side of `nastavnik orders` — settings, fill data, template checks.

`settings` reads the ``[documents]`` section; `fill` builds what goes into an order or a
programme from the tables as read; `plan` turns «Каталог мероприятий» into a programme's plan;
`check` compares a template's placeholders with its `sheets_schema.templates.TemplateSpec`.
Nothing here reads or writes a workspace.
"""

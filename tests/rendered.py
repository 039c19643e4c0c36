"""What a browser gets from the public page: `index.html` as it is, `index.md` as two Markdown
engines render it (markdown-it-py — CommonMark with tables, as Hugo/goldmark and most site engines
read it — and Python-Markdown with tables, as MkDocs reads it). No tests here."""
from __future__ import annotations

from html.parser import HTMLParser


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text a reader sees (references decoded)."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def names(self) -> set[str]:
        return {tag for tag, _ in self.tags}

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())


def markdown_it_html(md: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(md)


def python_markdown_html(md: str) -> str:
    import markdown

    return markdown.markdown(md, extensions=["tables"])


RENDERERS = {"markdown-it": markdown_it_html, "python-markdown": python_markdown_html}

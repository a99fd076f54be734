"""MkDocs hooks: hand each MkDocs event to the briefing package.

on_config checks the configuration, on_files runs the pipeline and adds the
generated pages (staged on disk, read when MkDocs renders them), on_page_content sanitises the HTML of generated
pages against an allow-list and marks story pages up for search,
on_page_context links a story's topic tags to the topic pages, on_post_page
reports progress, on_post_build builds the Pagefind search index, on_serve
watches sources/ and taxonomy/.
"""

from __future__ import annotations

from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from briefing import adapter

log = get_plugin_logger("briefing")
session = adapter.Session()


def on_config(config):
    global session
    session = adapter.Session()
    try:
        adapter.configure(config)
    except adapter.ConfigError as error:
        raise ConfigurationError(str(error)) from None
    return config


def on_files(files, config):
    result = session.run(config)
    for problem in result.problems:
        log.warning(str(problem))
    for page, staged in adapter.staged(session.root, result.pages):
        existing = files.get_file_from_path(page.path)
        if existing is not None:
            log.warning(f"docs/{page.path}: hand-written page hides a generated one; rename or remove it")
            continue
        if staged is None:
            files.append(File.generated(config, page.path, content=page.markdown))
        else:
            files.append(File.generated(config, page.path, abs_src_path=str(staged)))
    session.expect_pages(len(files.documentation_pages()))
    return files


def on_page_content(html, page, config, files):
    # Defence in depth: pages made from sources keep only allow-listed HTML
    # (hand-written pages in docs/ are trusted); then story pages get their
    # search markup, which the allow-list would otherwise strip.
    return session.page_content(html, page.file.src_uri, generated=bool(page.file.generated_by))


def on_page_context(context, page, config, nav):
    # A story's topics link to their topic pages (Material's tags plugin alone shows them as plain text).
    tags = session.topic_tags(page.file.src_uri)
    if tags:
        context["tags"] = tags
    return context


def on_post_page(output, page, config):
    session.page_written()
    return output


def on_post_build(config):
    problem = session.post_build(config)
    if problem:
        log.warning(problem)


def on_serve(server, config, builder):
    for path in adapter.watched(config):
        server.watch(str(path))
    return server

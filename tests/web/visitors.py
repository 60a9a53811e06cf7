"""One page asked for by a signed-in editor and by a reader, in either order: what a page whose
parts are cached for everyone must still tell apart."""


def as_editor_and_as_reader(client, editor, url: str, *, editor_first: bool) -> tuple[str, str]:
    """The page's HTML as the editor saw it and as a reader saw it."""

    def page(signed_in: bool) -> str:
        if signed_in:
            client.force_login(editor)
        else:
            client.logout()
        return client.get(url).content.decode()

    first, second = page(signed_in=editor_first), page(signed_in=not editor_first)
    return (first, second) if editor_first else (second, first)

"""PDF text extraction with pypdfium2."""


def pdf_pages(data: bytes) -> list[str]:
    raise NotImplementedError

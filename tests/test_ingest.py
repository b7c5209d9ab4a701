"""Reading articles: encodings, formats, and one clear line for every bad input."""

from __future__ import annotations

import codecs

import pytest

from diptych.core.ingest import InputError, read_document

TEXT = "Café “Zürich” – naïve résumé. Second line €5.\n"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_unicode_encodings_load_exactly(tmp_path, encoding, prefix) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(prefix + TEXT.replace("\n", "\r\n").encode(encoding))
    doc = read_document(p)
    assert doc.text == TEXT
    assert not doc.text.startswith("\ufeff")


def test_cp1252_and_latin1_load(tmp_path) -> None:
    cp = "The “smart quotes” cost €5 – said José. " * 5
    (tmp_path / "cp.txt").write_bytes(cp.encode("cp1252"))
    assert read_document(tmp_path / "cp.txt").text == cp
    latin = "Der Bürgermeister sagte, die Straße sei geöffnet. Ça va très bien. " * 5
    (tmp_path / "l1.txt").write_bytes(latin.encode("latin-1"))
    assert read_document(tmp_path / "l1.txt").text == latin


def test_sha256_and_format(reference_path) -> None:
    doc = read_document(reference_path)
    import hashlib

    assert doc.sha256 == hashlib.sha256(doc.text.encode()).hexdigest()
    assert doc.format == "txt" and doc.name == "reference-003.txt"


def test_html_main_text_is_extracted(tmp_path) -> None:
    body = " ".join(f"<p>The council voted on the budget for the {n}th time this year, officials said.</p>"
                    for n in range(4, 12))
    (tmp_path / "a.html").write_text(
        f"<html><head><title>T</title></head><body><nav>Home | About</nav><article>{body}</article>"
        "<footer>Copyright</footer></body></html>", encoding="utf-8")
    doc = read_document(tmp_path / "a.html")
    assert "The council voted on the budget for the 4th time" in doc.text
    assert "Copyright" not in doc.text and doc.format == "html"


def test_docx_paragraphs_are_kept(tmp_path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("First paragraph.")
    d.add_paragraph("Second paragraph.")
    d.save(tmp_path / "a.docx")
    assert read_document(tmp_path / "a.docx").text == "First paragraph.\nSecond paragraph."


def test_pdf_text_is_read(tmp_path) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    w = PdfWriter()
    page = w.add_blank_page(612, 792)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 72 720 Td (The mayor resigned on Friday.) Tj ET")
    page[NameObject("/Contents")] = w._add_object(stream)
    with open(tmp_path / "a.pdf", "wb") as f:
        w.write(f)
    assert "The mayor resigned on Friday." in read_document(tmp_path / "a.pdf").text


@pytest.mark.parametrize("name,content,message", [
    ("bin.txt", bytes(range(256)) * 4, "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b" \n\n \t", "empty"),
    ("a.exe", b"MZ", "unknown file type"),
    ("bad.docx", b"not a zip", "not a readable Word"),
    ("bad.pdf", b"%PDF-1.4 garbage", "not a readable PDF"),
    ("big.txt", b"word " * 3000, "over the"),
])
def test_bad_input_raises_one_line(tmp_path, name, content, message) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_document(p, max_bytes=10_000)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_missing_path_and_folder(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        read_document(tmp_path)

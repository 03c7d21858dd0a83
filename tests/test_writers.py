"""The text writers store a record orjson wrote as UTF-8 bytes as they are, among the text they write themselves
(a BOM, a header, a bracket, the newline that parts a resumed file from its cut-off line), in order, and as text
where the stream cannot take UTF-8 bytes."""

import io
import json
import os
import sys

import pytest

from suqian_report.write.files import TextWriter
from suqian_report.write.formats import JsonlWriter, JsonWriter

_RECORDS = [{"publisher": "白石市人民政府办公室", "figures": [{"key": "requests.new.total", "value": 36}]}, {"n": 2}]


def _payloads():
    """The records as a formatter hands them over: the first as bytes, the second as text (json's, the fallback)."""
    first, second = (json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in _RECORDS)
    return [first.encode(), second]


def test_json_array_of_bytes_and_text_records(tmp_path):
    path = tmp_path / "out.json"
    w = JsonWriter(str(path), many=True)
    for payload in _payloads():
        w.write(payload)
    w.finish()
    assert json.loads(path.read_text(encoding="utf-8")) == _RECORDS


def test_a_bom_and_a_header_come_before_the_first_record(tmp_path):
    path = tmp_path / "out.txt"

    class Headed(TextWriter):
        def start(self) -> None:
            self.put("header\n")

    w = Headed(str(path), bom=True)
    w.write("一行\n".encode())
    w.write("二行\n")
    w.write("三行\n".encode())
    w.finish()
    assert path.read_bytes() == "\ufeffheader\n一行\n二行\n三行\n".encode()


def test_a_resumed_file_cut_off_mid_line_is_parted_from_the_next_record(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"n":1}\n{"cut')
    w = JsonlWriter(str(path), append=True)
    w.write(b'{"n":2}\n')
    w.finish()
    assert path.read_bytes() == b'{"n":1}\n{"cut\n{"n":2}\n'


def test_stdout_without_bytes_under_it_gets_text(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    w = JsonlWriter(None)
    for payload in _payloads():
        w.write(payload + (b"\n" if isinstance(payload, bytes) else "\n"))
    w.finish()
    assert [json.loads(line) for line in out.getvalue().splitlines()] == _RECORDS


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_stdout_in_another_encoding_gets_the_records_in_it(monkeypatch, encoding):
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding=encoding, newline="")
    monkeypatch.setattr(sys, "stdout", out)
    w = JsonWriter(None, many=True)
    for payload in _payloads():
        w.write(payload)
    w.finish()
    assert json.loads(raw.getvalue().decode(encoding)) == _RECORDS


def test_stdout_that_writes_each_newline_as_crlf_gets_text(monkeypatch):
    """As Windows' stdout does: records and the writer's own text alike end their lines with CRLF."""
    raw = io.BytesIO()
    monkeypatch.setattr(os, "linesep", "\r\n")
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8", newline="\r\n"))
    w = JsonWriter(None, many=True)
    for payload in _payloads():
        w.write(payload.replace(b",", b",\n") if isinstance(payload, bytes) else payload)  # (records indented)
    w.finish()
    out = raw.getvalue()
    assert out.count(b"\n") == out.count(b"\r\n") > 2
    assert json.loads(out.decode()) == _RECORDS

import csv
import io

import pytest

from common.identifiers import normalise_siret, rna_is_valid, siret_is_valid
from common.spreadsheets import BOM, excel_csv, safe_cell


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("73282932000074", True),  # a real SIRET with its Luhn key
        ("73282932000075", False),
        ("35600000000048", True),  # La Poste's head office: Luhn
        ("35600000049837", True),  # a La Poste establishment: digit sum divisible by 5, Luhn fails
        ("35600000049838", False),
        ("7328293200007", False),
        ("7328293200007A", False),
    ],
)
def test_siret_checksums(value, valid):
    assert siret_is_valid(value) is valid


def test_siret_copied_with_spaces_and_dots_is_normalised():
    assert normalise_siret("732 829.320-00074") == "73282932000074"


def test_rna():
    assert rna_is_valid("W751234567")
    assert not rna_is_valid("W75123456")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
        ("-12", "-12"),
        (None, ""),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_neutralised(value, shown):
    assert safe_cell(value) == shown


def test_excel_csv_has_a_bom_semicolons_and_crlf():
    text = excel_csv(["Nom", "Ville"], [["Zoé; la « grande »", "Paris"]])
    assert text.startswith(BOM)
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=";"))
    assert rows == [["Nom", "Ville"], ["Zoé; la « grande »", "Paris"]]

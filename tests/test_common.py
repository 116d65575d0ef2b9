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


def test_models_with_creation_and_change_times_take_them_from_the_base_model():
    from common.models import TimestampedModel
    from tests.partnership.test_scoping import project_models

    def stamped(model) -> bool:
        fields = {field.name: field for field in model._meta.concrete_fields}
        created, updated = fields.get("created_at"), fields.get("updated_at")
        return bool(created and updated and getattr(created, "auto_now_add", False) and updated.auto_now)

    stamped_models = [model for model in project_models() if stamped(model)]
    assert [m._meta.label for m in stamped_models if not issubclass(m, TimestampedModel)] == []
    assert len(stamped_models) >= 9


def test_example_flags_come_from_the_base_model():
    from common.models import ExampleFlagModel
    from tests.partnership.test_scoping import project_models

    flagged = [model for model in project_models() if any(f.name == "is_example" for f in model._meta.fields)]
    own = [model._meta.label for model in flagged if not issubclass(model, ExampleFlagModel)]
    assert own == ["initiatives.Initiative"]  # "contient des exemples": only some details are illustrative
    assert len(flagged) >= 5

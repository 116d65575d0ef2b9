"""manage.py import_places: good, partly bad and wrong-schema files, updates by identifier, progress."""

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from initiatives.constants import PlaceFee, PlaceKind, PlacePublic, PlaceService, PlaceSupportMode
from initiatives.mednum import COLUMNS
from initiatives.models import Place

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "initiatives" / "data" / "lieux-mediation-numerique-exemple.csv"

GOOD = {
    "id": "structure-1",
    "pivot": "73282932000074",  # a SIRET with a valid Luhn checksum
    "nom": "Espace numérique République",
    "commune": "Paris",
    "code_postal": "75011",
    "code_insee": "75111",
    "adresse": "1 place de la République",
    "latitude": "48.8675",
    "longitude": "2.3636",
    "horaires": "Mo-Fr 09:00-12:00,14:00-18:00",
    "presentation_resume": "Ateliers et aide aux démarches.",
    "date_maj": "2026-10-01",
    "services": "Aide aux démarches administratives;Accès internet et matériel informatique",
    "publics_specifiquement_adresses": "Seniors",
    "frais_a_charge": "Gratuit : Je peux accéder gratuitement au lieu et à ses services",
    "modalites_accompagnement": "Accompagnement individuel;Dans un atelier collectif",
    "courriels": "contact@republique.example;autre@republique.example",
    "fiche_acces_libre": "https://acceslibre.beta.gouv.fr/app/75-paris/a/espace/erp/republique/",
    "prise_rdv": "https://rdv.example/republique",
}


def write_csv(tmp_path, rows, delimiter=",", columns=COLUMNS, name="lieux.csv", bom=False):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    path = tmp_path / name
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8")
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_places", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_committed_sample_file_imports_cleanly(paris, lyon):
    out, err = run(SAMPLE, "--example")
    assert err == ""
    assert "8 ligne(s) lue(s) : 8 créée(s), 0 mise(s) à jour, 0 rejetée(s)." in out
    place = Place.objects.get(identifier="exemple-paris-epn-menilmontant")
    assert place.city == paris
    assert place.kind == PlaceKind.INCLUSION_CENTRE
    assert place.is_example
    assert place.services == [PlaceService.ADMIN_PROCEDURES, PlaceService.EVERYDAY_TOOLS, PlaceService.ACCESS]
    assert Place.objects.get(identifier="exemple-lyon-epn-croix-rousse").city == lyon  # 69384 -> Lyon


def test_a_good_csv_file_creates_places_with_every_schema_field(tmp_path, paris):
    out, err = run(write_csv(tmp_path, [GOOD]))
    assert err == "" and "1 créée(s)" in out
    place = Place.objects.get(identifier="structure-1")
    assert place.name == "Espace numérique République"
    assert place.pivot == "73282932000074"
    assert place.postcode == "75011" and place.insee_code == "75111"
    assert str(place.latitude) == "48.867500"
    assert place.services == [PlaceService.ADMIN_PROCEDURES, PlaceService.ACCESS]
    assert place.publics == [PlacePublic.SENIORS]
    assert place.fees == [PlaceFee.FREE]
    assert place.support_modes == [PlaceSupportMode.ONE_TO_ONE, PlaceSupportMode.WORKSHOP]  # short label accepted
    assert place.email == "contact@republique.example"
    assert place.summary_fr == "Ateliers et aide aux démarches."
    assert place.data_updated_on.isoformat() == "2026-10-01"
    assert place.booking_url == "https://rdv.example/republique"
    assert place.slug == "espace-numerique-republique"


def test_semicolon_separated_csv_with_a_bom_and_json_are_read_too(tmp_path, paris):
    run(write_csv(tmp_path, [GOOD], delimiter=";", bom=True))
    second = {**GOOD, "id": "structure-2", "nom": "Deuxième lieu", "latitude": 48.8, "longitude": 2.3}
    second["services"] = ["Loisirs et créations numériques"]  # a JSON list is accepted as well as "a;b"
    path = tmp_path / "lieux.json"
    path.write_text(json.dumps([second], ensure_ascii=False), encoding="utf-8")
    out, _err = run(path)
    assert "1 créée(s)" in out
    assert Place.objects.get(identifier="structure-2").services == [PlaceService.LEISURE]
    assert Place.objects.filter(identifier="structure-1").exists()


def test_a_second_import_updates_by_identifier(tmp_path, paris):
    run(write_csv(tmp_path, [GOOD]))
    place = Place.objects.get(identifier="structure-1")
    changed = {**GOOD, "nom": "Espace République (nouveau nom)", "horaires": "Sa 10:00-12:00", "date_maj": "2026-11-01"}
    out, _err = run(write_csv(tmp_path, [changed]))
    assert "0 créée(s), 1 mise(s) à jour, 0 rejetée(s)" in out
    place.refresh_from_db()
    assert place.name == "Espace République (nouveau nom)"
    assert place.opening_hours == "Sa 10:00-12:00"
    assert place.slug == "espace-numerique-republique"  # the URL does not move
    assert Place.objects.count() == 1


BAD_ROWS = [
    ({"code_postal": "7501"}, "code_postal : « 7501 » ne compte pas 5 chiffres"),
    ({"services": "Cours de cuisine"}, "services : valeur inconnue « Cours de cuisine »"),
    ({"services": ""}, "services : valeur obligatoire manquante"),
    ({"nom": ""}, "nom : valeur obligatoire manquante"),
    (
        {"horaires": "du lundi au vendredi"},
        "horaires : « du lundi au vendredi » n'est pas dans la syntaxe OpenStreetMap",
    ),
    ({"presentation_resume": "x" * 281}, "presentation_resume : 281 caractères, 280 au plus"),
    ({"pivot": "12345678901234"}, "pivot : « 12345678901234 » n'est ni un SIRET valide ni un numéro RNA"),
    ({"date_maj": "01/10/2026"}, "date_maj : date AAAA-MM-JJ attendue"),
    ({"latitude": "quarante-huit"}, "latitude : nombre attendu"),
    ({"latitude": "148.2"}, "latitude : 148.2 est hors de l'intervalle [-90, 90]"),
    ({"longitude": ""}, "latitude, longitude : indiquez les deux coordonnées ou aucune"),
    ({"courriels": "pas-une-adresse"}, "courriels : adresse invalide « pas-une-adresse »"),
    ({"frais_a_charge": "Parfois"}, "frais_a_charge : valeur inconnue « Parfois »"),
    ({"commune": "Atlantis", "code_insee": "99999"}, "commune : « Atlantis » n'est pas une ville du portail"),
]


def test_a_partly_bad_file_imports_the_good_rows_and_reports_each_bad_one_with_its_reason(tmp_path, paris):
    rows = [{**GOOD, "id": "bon-1"}]
    rows += [{**GOOD, "id": f"mauvais-{index}", **change} for index, (change, _reason) in enumerate(BAD_ROWS)]
    rows += [{**GOOD, "id": "bon-2", "nom": "Autre lieu"}, {**GOOD, "id": "bon-1", "nom": "Doublon"}]
    out, err = run(write_csv(tmp_path, rows))
    assert sorted(Place.objects.values_list("identifier", flat=True)) == ["bon-1", "bon-2"]
    lines = err.strip().splitlines()
    assert len(lines) == len(BAD_ROWS) + 1
    for index, (_change, reason) in enumerate(BAD_ROWS):
        assert any(f"ligne {index + 3} (id « mauvais-{index} »)" in line and reason in line for line in lines), reason
    assert f"ligne {len(rows) + 1} (id « bon-1 ») : id : déjà utilisé ligne 2" in err
    assert f"{len(rows)} ligne(s) lue(s) : 2 créée(s), 0 mise(s) à jour, {len(BAD_ROWS) + 1} rejetée(s)." in out
    assert Place.objects.get(identifier="bon-1").name == GOOD["nom"]  # the duplicate changed nothing


def test_a_file_not_in_the_schema_imports_nothing(tmp_path, paris):
    columns = ["id", "nom", "commune", "code_postal", "adresse"]  # no pivot, date_maj, services
    path = write_csv(tmp_path, [GOOD], columns=columns)
    with pytest.raises(CommandError, match="colonne\\(s\\) manquante\\(s\\) pivot, date_maj, services"):
        run(path)
    assert Place.objects.count() == 0


@pytest.mark.parametrize(
    "content",
    ['{"lieux": "non"}', "[1, 2, 3]", "{pas du json"],
)
def test_a_json_file_that_is_not_a_list_of_places_imports_nothing(tmp_path, paris, content):
    path = tmp_path / "lieux.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError):
        run(path)
    assert Place.objects.count() == 0


def test_a_json_list_missing_required_keys_imports_nothing(tmp_path, paris):
    path = tmp_path / "lieux.json"
    path.write_text(json.dumps([{"id": "a", "nom": "Lieu"}]), encoding="utf-8")
    with pytest.raises(CommandError, match="Rien n'a été importé"):
        run(path)


def test_pivot_accepts_siret_la_poste_rna_and_the_unknown_marker(tmp_path, paris):
    rows = [
        {**GOOD, "id": "siret", "pivot": "73282932000074"},
        {**GOOD, "id": "poste", "pivot": "35600000000010"},  # La Poste: no Luhn, digit sum a multiple of 5
        {**GOOD, "id": "rna", "pivot": "W751234567"},
        {**GOOD, "id": "inconnu", "pivot": "00000000000000"},
    ]
    out, err = run(write_csv(tmp_path, rows))
    assert err == "", err
    assert dict(Place.objects.values_list("identifier", "pivot")) == {
        "siret": "73282932000074",
        "poste": "35600000000010",
        "rna": "W751234567",
        "inconnu": "",
    }


def test_city_option_puts_every_place_in_one_city(tmp_path, paris, lyon):
    run(write_csv(tmp_path, [{**GOOD, "commune": "Villeurbanne", "code_insee": "69266"}]), "--city", "lyon")
    assert Place.objects.get().city == lyon
    with pytest.raises(CommandError, match="Ville inconnue"):
        run(write_csv(tmp_path, [GOOD]), "--city", "atlantide")


def test_a_long_import_shows_its_progress_and_ends_with_a_summary(tmp_path, paris):
    rows = [{**GOOD, "id": f"lieu-{n}", "nom": f"Lieu {n}"} for n in range(600)]
    rows[10]["code_postal"] = "faux"
    out, err = run(write_csv(tmp_path, rows))
    progress = [line for line in out.splitlines() if "lignes traitées" in line]
    assert progress[0].strip().startswith("200/600") or progress[0].strip().startswith("201/600")
    assert progress[-1].strip() == "600/600 lignes traitées (100 %)"
    assert out.strip().splitlines()[-1] == "600 ligne(s) lue(s) : 599 créée(s), 0 mise(s) à jour, 1 rejetée(s)."
    assert "ligne 12 (id « lieu-10 »)" in err
    assert Place.objects.count() == 599


# ---------------------------------------------------------------- hostile files (the upload rules, for the import)


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (xlsx_bytes(), "c'est une archive ZIP (un classeur Excel .xlsx ou LibreOffice .ods ?)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "c'est un classeur Excel ancien (.xls)"),
        (b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n%%EOF\n", "c'est un PDF"),
        (b"  <!DOCTYPE html><html><body>id,nom</body></html>", "c'est une page web (HTML)"),
        (",".join(COLUMNS).encode("utf-16"), "c'est un fichier binaire ou en UTF-16"),
        (b"MZ\x90\x00" + b"\x00" * 100, "c'est un programme Windows"),
    ],
    ids=["xlsx", "xls", "pdf", "html", "utf-16", "exe"],
)
def test_a_file_that_is_not_csv_or_json_is_refused_with_what_it_is(tmp_path, paris, content, what):
    path = tmp_path / "lieux.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=re.escape(what)):
        run(path)
    assert Place.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, paris):
    path = tmp_path / "lieux.csv"
    with path.open("wb") as handle:  # sparse: 65 MB announced, nothing written
        handle.truncate(65 * 1024 * 1024)
    with pytest.raises(CommandError, match=r"pèse 65 Mo ; la limite est de 64 Mo \(--max-mb pour la relever\)"):
        run(path)
    small = write_csv(tmp_path, [GOOD], name="petit.csv")
    with pytest.raises(CommandError, match="la limite est de 0 Mo"):
        run(small, "--max-mb", "0")
    assert Place.objects.count() == 0


def test_a_device_or_pipe_is_refused_rather_than_read_forever(paris):
    with pytest.raises(CommandError, match="n'est pas un fichier ordinaire"):
        run(Path("/dev/zero"))


def test_json_nested_beyond_reason_is_refused(tmp_path, paris):
    path = tmp_path / "lieux.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(CommandError, match="JSON invalide : imbrication trop profonde"):
        run(path)

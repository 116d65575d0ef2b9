"""manage.py import_places: v1.0.2 files and the older ones still in circulation, refused rows with their
line, column, value and reason, wrong headers, updates by id (a second import changes nothing), communes
outside the portal, batches without a query per row."""

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from initiatives.constants import (
    PlaceFee,
    PlaceKind,
    PlaceLabel,
    PlaceMobility,
    PlaceProgramme,
    PlacePublic,
    PlaceService,
    PlaceSpecificSupport,
    PlaceSupportMode,
)
from initiatives.management.commands import import_places
from initiatives.mednum import COLUMNS
from initiatives.models import Place
from initiatives.services import places as places_service

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
    "typologie": "TIERS_LIEUX|ASSO",
    "telephone": "+33180059880",
    "horaires": "Mo-Fr 09:00-12:00,14:00-18:00",
    "presentation_resume": "Ateliers et aide aux démarches.",
    "itinerance": "Fixe",
    "date_maj": "2026-10-01",
    "services": "Aide aux démarches administratives|Accès internet et matériel informatique",
    "publics_specifiquement_adresses": "Seniors",
    "prise_en_charge_specifique": "Déficience visuelle|Surdité",
    "frais_a_charge": "Gratuit",
    "dispositif_programmes_nationaux": "Conseillers numériques|France Services",
    "formations_labels": "Étapes numériques(La Poste)",
    "autres_formations_labels": "Label maison",
    "modalites_accompagnement": "Accompagnement individuel|Dans un atelier collectif",
    "courriels": "contact@republique.example|autre@republique.example",
    "site_web": "https://republique.example/|https://social.example/republique",
    "fiche_acces_libre": "https://acceslibre.beta.gouv.fr/app/75-paris/a/espace/erp/republique/",
    "prise_rdv": "https://rdv.example/republique",
}

# The same place as a file made before April 2024 would give it: ";" between values, long labels, and the
# header in another case.
LEGACY = {
    **GOOD,
    "typologie": "TIERS_LIEUX;ASSO",
    "services": "Aide aux démarches administratives;Accès internet et matériel informatique",
    "prise_en_charge_specifique": "Déficience visuelle;Surdité",
    "frais_a_charge": "Gratuit : Je peux accéder gratuitement au lieu et à ses services",
    "dispositif_programmes_nationaux": "Conseillers numériques;France Services",
    "formations_labels": "Étapes numériques (La Poste)",
    "modalites_accompagnement": (
        "Accompagnement individuel;Dans un atelier collectif : j'apprends collectivement à utiliser le numérique"
    ),
    "courriels": "contact@republique.example;autre@republique.example",
    "site_web": "https://republique.example/;https://social.example/republique",
}


def write_csv(tmp_path, rows, delimiter=",", columns=COLUMNS, name="lieux.csv", bom=False, header=None):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header or columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    path = tmp_path / name
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8")
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_places", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts(created=0, updated=0, unchanged=0, skipped=0, refused=0):
    read = created + updated + unchanged + skipped + refused
    return (
        f"{read} ligne(s) lue(s) : {created} créée(s), {updated} mise(s) à jour, {unchanged} inchangée(s), "
        f"{skipped} ignorée(s) (commune hors du portail), {refused} refusée(s)."
    )


def test_the_committed_sample_file_imports_cleanly(paris, lyon):
    out, err = run(SAMPLE, "--example")
    assert err == ""
    assert counts(created=8) in out
    place = Place.objects.get(identifier="exemple-paris-epn-menilmontant")
    assert place.city == paris
    assert place.kind == PlaceKind.INCLUSION_CENTRE
    assert place.is_example
    assert place.services == [PlaceService.ADMIN_PROCEDURES, PlaceService.EVERYDAY_TOOLS, PlaceService.ACCESS]
    assert Place.objects.get(identifier="exemple-lyon-epn-croix-rousse").city == lyon  # 69384 -> Lyon


def assert_every_field_of_good(place):
    assert place.name == "Espace numérique République"
    assert place.pivot == "73282932000074"
    assert place.postcode == "75011" and place.insee_code == "75111"
    assert str(place.latitude) == "48.867500"
    assert place.typology == "TIERS_LIEUX;ASSO"
    assert place.phone == "+33180059880"
    assert place.services == [PlaceService.ADMIN_PROCEDURES, PlaceService.ACCESS]
    assert place.publics == [PlacePublic.SENIORS]
    assert place.specific_support == [PlaceSpecificSupport.VISUAL, PlaceSpecificSupport.DEAFNESS]
    assert place.fees == [PlaceFee.FREE]
    assert place.mobility == [PlaceMobility.FIXED]
    assert place.national_programmes == [PlaceProgramme.ADVISERS, PlaceProgramme.FRANCE_SERVICES]
    assert place.labels == [PlaceLabel.ETAPES_NUMERIQUES]
    assert place.other_labels == "Label maison"
    assert place.support_modes == [PlaceSupportMode.ONE_TO_ONE, PlaceSupportMode.WORKSHOP]
    assert place.emails == ["contact@republique.example", "autre@republique.example"]
    assert place.websites == ["https://republique.example/", "https://social.example/republique"]
    assert place.summary_fr == "Ateliers et aide aux démarches."
    assert place.data_updated_on.isoformat() == "2026-10-01"
    assert place.booking_url == "https://rdv.example/republique"
    assert place.slug == "espace-numerique-republique"


def test_a_v1_0_2_file_creates_places_with_every_schema_field(tmp_path, paris):
    out, err = run(write_csv(tmp_path, [GOOD]))
    assert err == "" and counts(created=1) in out
    assert_every_field_of_good(Place.objects.get(identifier="structure-1"))


def test_an_older_file_with_semicolons_long_labels_and_another_header_case_maps_to_the_same_place(tmp_path, paris):
    header = [column.upper() if index % 2 else column.title() for index, column in enumerate(COLUMNS)]
    out, err = run(write_csv(tmp_path, [LEGACY], delimiter=";", bom=True, header=header))
    assert err == "" and counts(created=1) in out
    assert_every_field_of_good(Place.objects.get(identifier="structure-1"))
    # Read again in v1.0.2, the same place is unchanged: the old labels meant the same thing.
    out, err = run(write_csv(tmp_path, [GOOD], name="v102.csv"))
    assert counts(unchanged=1) in out


def test_a_json_file_is_read_too(tmp_path, paris):
    second = {**GOOD, "id": "structure-2", "nom": "Deuxième lieu", "latitude": 48.8, "longitude": 2.3}
    second["services"] = ["Loisirs et créations numériques"]  # a JSON list is accepted as well as "a|b"
    path = tmp_path / "lieux.json"
    path.write_text(json.dumps([second], ensure_ascii=False), encoding="utf-8")
    out, _err = run(path)
    assert counts(created=1) in out
    assert Place.objects.get(identifier="structure-2").services == [PlaceService.LEISURE]


def test_a_second_import_of_the_same_file_changes_nothing_and_a_changed_row_updates_in_place(tmp_path, paris):
    path = write_csv(tmp_path, [GOOD, {**GOOD, "id": "structure-2", "nom": "Autre lieu"}])
    run(path)
    place = Place.objects.get(identifier="structure-1")
    versions = place.history.count()
    updated_at = place.updated_at

    out, err = run(path)
    assert err == "" and counts(unchanged=2) in out
    place.refresh_from_db()
    assert place.updated_at == updated_at and place.history.count() == versions

    changed = {**GOOD, "nom": "Espace République (nouveau nom)", "horaires": "Sa 10:00-12:00", "date_maj": "2026-11-01"}
    out, _err = run(write_csv(tmp_path, [changed, {**GOOD, "id": "structure-2", "nom": "Autre lieu"}]))
    assert counts(updated=1, unchanged=1) in out
    place.refresh_from_db()
    assert place.name == "Espace République (nouveau nom)"
    assert place.opening_hours == "Sa 10:00-12:00"
    assert place.slug == "espace-numerique-republique"  # the URL does not move
    assert place.history.count() == versions + 1
    assert place.history.first().history_change_reason == "import au schéma national"
    assert Place.objects.count() == 2


def test_a_column_absent_from_the_file_keeps_what_the_portal_holds(tmp_path, paris):
    run(write_csv(tmp_path, [GOOD]))
    columns = [column for column in COLUMNS if column not in {"horaires", "courriels"}]
    out, _err = run(write_csv(tmp_path, [{**GOOD, "nom": "Nouveau nom"}], columns=columns, name="partiel.csv"))
    assert counts(updated=1) in out
    place = Place.objects.get()
    assert place.name == "Nouveau nom"
    assert place.opening_hours == GOOD["horaires"] and place.email == "contact@republique.example"


BAD_ROWS = [
    ({"code_postal": "7501"}, "colonne code_postal, valeur « 7501 » : 5 chiffres attendus"),
    ({"services": "Cours de cuisine"}, "colonne services, valeur « Cours de cuisine » : valeur hors de la liste"),
    ({"itinerance": "Parfois"}, "colonne itinerance, valeur « Parfois » : valeur hors de la liste du schéma"),
    ({"nom": ""}, "colonne nom, valeur «  » : valeur obligatoire manquante"),
    (
        {"horaires": "du lundi au vendredi"},
        "colonne horaires, valeur « du lundi au vendredi » : pas dans la syntaxe OpenStreetMap",
    ),
    ({"presentation_resume": "x" * 281}, "colonne presentation_resume, valeur « xxxx"),
    ({"pivot": "12345678901234"}, "colonne pivot, valeur « 12345678901234 » : ni un SIRET valide ni un numéro RNA"),
    ({"date_maj": "01/10/2026"}, "colonne date_maj, valeur « 01/10/2026 » : date AAAA-MM-JJ attendue"),
    ({"latitude": "quarante-huit"}, "colonne latitude, valeur « quarante-huit » : nombre attendu"),
    ({"latitude": "148.2"}, "colonne latitude, valeur « 148.2 » : hors de l'intervalle [-90, 90]"),
    ({"longitude": ""}, "colonne longitude, valeur «  » : indiquez les deux coordonnées ou aucune"),
    ({"courriels": "a@b.example|pas-une-adresse"}, "colonne courriels, valeur « pas-une-adresse » : adresse"),
    ({"frais_a_charge": "Parfois"}, "colonne frais_a_charge, valeur « Parfois » : valeur hors de la liste"),
    ({"typologie": "TIERS LIEUX"}, "colonne typologie, valeur « TIERS LIEUX » : codes data.inclusion attendus"),
    ({"telephone": "appelez-nous"}, "colonne telephone, valeur « appelez-nous » : "),
]


def test_a_partly_bad_file_imports_the_good_rows_and_reports_each_refused_row_with_line_column_value(tmp_path, paris):
    rows = [{**GOOD, "id": "bon-1"}]
    rows += [{**GOOD, "id": f"mauvais-{index}", **change} for index, (change, _reason) in enumerate(BAD_ROWS)]
    rows += [{**GOOD, "id": "bon-2", "nom": "Autre lieu"}, {**GOOD, "id": "bon-1", "nom": "Doublon"}]
    out, err = run(write_csv(tmp_path, rows))
    assert sorted(Place.objects.values_list("identifier", flat=True)) == ["bon-1", "bon-2"]
    lines = err.strip().splitlines()
    assert len(lines) == len(BAD_ROWS) + 1
    for index, (_change, reason) in enumerate(BAD_ROWS):
        assert any(f"ligne {index + 3} (id « mauvais-{index} »), {reason}" in line for line in lines), reason
    assert f"ligne {len(rows) + 1} (id « bon-1 »), colonne id, valeur « bon-1 » : déjà utilisé ligne 2" in err
    assert counts(created=2, refused=len(BAD_ROWS) + 1) in out
    assert Place.objects.get(identifier="bon-1").name == GOOD["nom"]  # the duplicate changed nothing


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (["id", "nom", "commune", "code_postal", "adresse"], "colonne(s) manquante(s) pivot, date_maj"),
        ([*COLUMNS, "cle_ban"], "colonne(s) hors du schéma : cle_ban"),
        ([*COLUMNS, "NOM"], "colonne en double : nom"),
    ],
    ids=["missing", "unknown", "twice"],
)
def test_a_file_whose_header_is_not_the_schema_imports_nothing(tmp_path, paris, columns, message):
    path = write_csv(tmp_path, [GOOD, {**GOOD, "id": "autre"}], columns=columns)
    with pytest.raises(CommandError, match=re.escape(message) + ".*Rien n'a été importé"):
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


def test_rows_of_communes_outside_the_portal_are_skipped_and_counted_not_refused(tmp_path, paris):
    rows = [
        GOOD,
        {**GOOD, "id": "reims-1", "commune": "Reims", "code_insee": "51454", "code_postal": "51100"},
        {**GOOD, "id": "reims-2", "commune": "Reims", "code_insee": "51454", "code_postal": "51100"},
        {**GOOD, "id": "paris-20", "commune": "Paris 20e Arrondissement", "code_insee": ""},
    ]
    out, err = run(write_csv(tmp_path, rows), "-v", "2")
    assert err == ""
    assert counts(created=2, skipped=2) in out
    assert "Communes hors du portail : Reims (2)" in out
    assert sorted(Place.objects.values_list("identifier", flat=True)) == ["paris-20", "structure-1"]


def test_city_option_puts_every_place_in_one_city(tmp_path, paris, lyon):
    run(write_csv(tmp_path, [{**GOOD, "commune": "Villeurbanne", "code_insee": "69266"}]), "--city", "lyon")
    assert Place.objects.get().city == lyon
    with pytest.raises(CommandError, match="Ville inconnue"):
        run(write_csv(tmp_path, [GOOD]), "--city", "atlantide")


def test_a_long_import_shows_its_progress_and_ends_with_the_counts(tmp_path, paris, monkeypatch):
    monkeypatch.setattr(places_service, "BATCH_SIZE", 200)
    monkeypatch.setattr(import_places, "PROGRESS_FROM", 300)
    rows = [{**GOOD, "id": f"lieu-{n}", "nom": f"Lieu {n}"} for n in range(450)]
    rows[10]["code_postal"] = "faux"
    out, err = run(write_csv(tmp_path, rows))
    progress = [line.strip() for line in out.splitlines() if "lignes traitées" in line]
    assert progress[0].startswith("201/450")
    assert progress[-1] == "450/450 lignes traitées (100 %)"
    assert out.strip().splitlines()[-1] == counts(created=449, refused=1)
    assert "ligne 12 (id « lieu-10 »), colonne code_postal, valeur « faux »" in err
    assert Place.objects.count() == 449


def queries_to_import(tmp_path, rows, name):
    path = write_csv(tmp_path, rows, name=name)
    with CaptureQueriesContext(connection) as queries:
        run(path)
    return len(queries)


def test_the_import_makes_no_query_per_row(tmp_path, paris):
    """Bulk statements: a fixed number per batch, plus the inserts the database's parameter limit splits
    (SQLite takes 999 parameters a statement, some 18 rows of places or of their history): far below one
    query per row."""

    def rows(count, prefix, name="Lieu"):
        return [{**GOOD, "id": f"{prefix}-{n}", "nom": f"{name} {n}"} for n in range(count)]

    few, many = queries_to_import(tmp_path, rows(5, "a"), "a.csv"), queries_to_import(tmp_path, rows(150, "b"), "b.csv")
    assert many - few <= 150 // 8
    few, many = (
        queries_to_import(tmp_path, rows(5, "a", "Nouveau"), "a2.csv"),
        queries_to_import(tmp_path, rows(150, "b", "Nouveau"), "b2.csv"),
    )
    assert many - few <= 150 // 8
    assert Place.objects.filter(name__startswith="Nouveau").count() == 155


def test_an_update_keeps_the_translated_columns_in_step(tmp_path, paris):
    run(write_csv(tmp_path, [GOOD]))
    with translation.override("en"):
        run(write_csv(tmp_path, [{**GOOD, "presentation_resume": "Nouveau résumé."}]))
    assert Place.objects.values("summary", "summary_fr").get() == {
        "summary": "Nouveau résumé.",
        "summary_fr": "Nouveau résumé.",
    }


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

//! Reading exports: hand-made files in the French conventions, each
//! expected problem written from the file, not from the reader's output.

use super::*;

fn fr() -> CsvOptions {
    CsvOptions::new(Profile::builtin("fr").unwrap_or_else(|| unreachable!()))
}

fn problems(read: &CsvRead) -> Vec<(usize, String, &'static str)> {
    read.table
        .issues
        .iter()
        .map(|p| (p.row, p.column.clone(), p.issue.code.code()))
        .collect()
}

const HEADER: &str = "N° dossier;Service;Date de signalement;Visite d'origine;Signalé par;Premier contact;Résultat de sortie;Date de sortie;Licenciement";

#[test]
fn a_french_export_is_read_with_each_problem_once() {
    let file = format!(
        "{HEADER};Nom du salarié\n\
         D-1;aist43;04/03/2024;Visite de pré-reprise;Médecin du travail;11/03/2024;;;;X\n\
         D-2;aist43;2024-03-05;reprise;idest;;;;;Y\n\
         D-3;aist43;31/02/2024;reprise;idest;;;;;\n\
         D-4;aist43;05/03/2024;Visite de reprise;Infirmier;12/03/2024;Inaptitude;20/06/2024;peut-être;\n\
         D-5;aist43;05/03/2024;reprise;idest\n"
    );
    let read = read_csv(file.as_bytes(), &fr());
    assert_eq!(
        (read.encoding, read.bom, read.delimiter),
        (TextEncoding::Utf8, false, ';')
    );
    assert_eq!(read.rows, 5);
    // the name column: said once, a warning, not read
    let header: Vec<(&str, &str)> = read
        .header_issues
        .iter()
        .map(|i| (i.code.code(), i.path.as_str()))
        .collect();
    assert_eq!(header, [("ignored_column", "columns[9]")]);
    assert!(read.is_readable());
    assert_eq!(read.headers[9].column, None);
    assert_eq!(read.headers[0].column, Some("id"));
    // D-1 and D-2 are valid; D-1's labels became codes
    assert_eq!(read.table.rows, [0, 1]);
    let d1 = &read.table.cases[0];
    assert_eq!(d1.signalement.source_visit.code(), "pre_reprise");
    assert_eq!(d1.events.len(), 1);
    assert_eq!(d1.events[0].date().to_string(), "2024-03-11");
    // D-3: 31 February; D-4: an unknown signaller, a boolean that is not one;
    // D-5: four fields missing
    assert_eq!(
        problems(&read),
        [
            (2, "signalement_date".to_string(), "invalid_date"),
            (3, "signalled_by".to_string(), "unknown_code"),
            (3, "sortie_dismissal".to_string(), "boolean_type"),
            (4, String::new(), "field_count"),
        ]
    );
    let date = &read.table.issues[0].issue;
    assert_eq!(date.params["format"], "JJ/MM/AAAA, AAAA-MM-JJ");
    assert!(date.message.contains("JJ/MM/AAAA"));
    assert_eq!(read.table.issues[3].issue.params["found"], "5");
    assert_eq!(read.line(4), Some(6));
}

#[test]
fn windows_1252_and_a_byte_order_mark_are_found() {
    let text =
        format!("{HEADER}\nD-1;aist43;04/03/2024;Visite de pré-reprise;Médecin du travail;;;;\n");
    // Windows-1252: é is one byte, 0xE9, invalid in UTF-8
    let (ansi, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(std::str::from_utf8(&ansi).is_err());
    let read = read_csv(&ansi, &fr());
    assert_eq!(
        (read.encoding, read.bom),
        (TextEncoding::Windows1252, false)
    );
    assert_eq!(read.table.cases.len(), 1, "{:?}", problems(&read));
    assert_eq!(read.headers[2].column, Some("signalement_date"));
    // UTF-8 with its byte-order mark: the first header is still read
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let read = read_csv(&bom, &fr());
    assert_eq!((read.encoding, read.bom), (TextEncoding::Utf8, true));
    assert_eq!(read.headers[0].column, Some("id"));
    assert_eq!(read.table.cases.len(), 1);
    // Windows-1252 said to be UTF-8: refused once, at its line
    let mut options = fr();
    options.encoding = Some(TextEncoding::Utf8);
    let read = read_csv(&ansi, &options);
    assert_eq!(read.header_issues.len(), 1);
    assert_eq!(read.header_issues[0].code.code(), "invalid_encoding");
    assert_eq!(read.header_issues[0].params["line"], "1");
    assert!(read.table.cases.is_empty() && read.rows == 0);
    // UTF-16 with its mark (Excel's « texte Unicode »), tab-separated
    let tabbed = text.replace(';', "\t");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tabbed.encode_utf16().flat_map(u16::to_le_bytes));
    let read = read_csv(&utf16, &fr());
    assert_eq!((read.encoding, read.delimiter), (TextEncoding::Utf16, '\t'));
    assert_eq!(read.table.cases.len(), 1);
}

#[test]
fn extra_columns_are_refused_by_choice_and_header_problems_come_once() {
    let rows: String = (0..300)
        .map(|i| format!("D-{i};aist43;04/03/2024;reprise;idest;;;;;x\n"))
        .collect();
    let file = format!("{HEADER};Commentaire\n{rows}");
    let mut options = fr();
    options.extra_columns = Some(ExtraColumns::Refuse);
    let read = read_csv(file.as_bytes(), &options);
    // one problem for the column, not 300; nothing read
    assert_eq!(read.header_issues.len(), 1);
    assert_eq!(read.header_issues[0].code.code(), "unknown_column");
    assert_eq!(read.header_issues[0].params["header"], "Commentaire");
    assert!(!read.is_readable());
    assert!(read.table.cases.is_empty() && read.table.issues.is_empty());
    // ignored: the 300 rows are read
    let read = read_csv(file.as_bytes(), &fr());
    assert_eq!(read.table.cases.len(), 300);
    // a required column missing, and two columns for one: once each
    let file = "Identifiant;N° dossier;Service;Date de signalement;Signalé par\nA;B;aist43;04/03/2024;idest\n";
    let read = read_csv(file.as_bytes(), &fr());
    let codes: Vec<(&str, String)> = read
        .header_issues
        .iter()
        .map(|i| {
            (
                i.code.code(),
                i.params.values().cloned().collect::<Vec<_>>().join(","),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("duplicate_column", "id,N° dossier".to_string()),
            ("missing_column", "source_visit".to_string()),
        ]
    );
    assert_eq!(read.rows, 0);
}

#[test]
fn a_vendor_profile_maps_its_own_headers() {
    let profile = Profile::from_json_str(
        r#"{"name": "logiciel_x", "extra_columns": "refuse", "columns": {
            "NUMDOS": "id", "SRV": "service", "DT_SIGNAL": "signalement_date",
            "VISITE": "source_visit", "SIGNALEUR": "signalled_by", "SECT": "sector_section",
            "NOMENC": "sector_nomenclature"}}"#,
    )
    .unwrap_or_else(|e| unreachable!("{e}"));
    let file = "numdos,srv,dt_signal,visite,signaleur,sect,nomenc\n\
                X-1,aist43,04/03/2024,reprise,idest,86.10Z,naf_rev2\n\
                X-2,aist43,04/03/2024,reprise,idest,Santé humaine et action sociale,naf_2025\n\
                X-3,aist43,04/03/2024,reprise,idest,Santé humaine et action sociale,naf_rev2\n";
    let read = read_csv(file.as_bytes(), &CsvOptions::new(profile));
    assert_eq!(read.delimiter, ',');
    assert!(read.header_issues.is_empty(), "{:?}", read.header_issues);
    assert_eq!(problems(&read), []);
    let sections: Vec<&str> = read
        .table
        .cases
        .iter()
        .filter_map(|c| c.worker.sector.as_ref().map(|s| s.section.as_str()))
        .collect();
    // the letters shift between the nomenclatures: Q, then R, then Q
    assert_eq!(sections, ["Q", "R", "Q"]);
}

#[test]
fn labels_read_as_codes_in_every_code_column() {
    // Every label of every code column, French and English, gives its code
    // (both directions: the code's label read back is the code).
    for column in COLUMNS {
        let Some(labels) = column_labels(column.name) else {
            continue;
        };
        for (code, fr, en) in labels {
            assert_eq!(code_of(column.name, fr), Some(code), "{} {fr}", column.name);
            assert_eq!(code_of(column.name, en), Some(code), "{} {en}", column.name);
            assert_eq!(code_of(column.name, &fr.to_uppercase()), Some(code));
        }
    }
    // two labels of one list that fold to the same text would be ambiguous
    for column in COLUMNS {
        let Some(labels) = column_labels(column.name) else {
            continue;
        };
        for (i, a) in labels.iter().enumerate() {
            for b in labels.iter().skip(i + 1) {
                assert_ne!(fold(a.1), fold(b.1), "{}", column.name);
            }
        }
    }
}

#[test]
fn partners_given_as_labels_in_a_list_cell() {
    let file = "id;service;signalement_date;source_visit;signalled_by;consent_date;consent_accompaniment;consent_sharing_with\n\
                A-1;aist43;04/03/2024;reprise;idest;05/03/2024;oui;\"Cap emploi ; mdph\"\n\
                A-2;aist43;04/03/2024;reprise;idest;05/03/2024;oui;cap_emploi;\n";
    let read = read_csv(
        file.as_bytes(),
        &CsvOptions::new(Profile::builtin("cme").unwrap_or_else(|| unreachable!())),
    );
    assert_eq!(read.table.rows, [0], "{:?}", problems(&read));
    let sharing: Vec<&str> = read.table.cases[0].consents[0]
        .sharing_with
        .iter()
        .map(|p| p.code())
        .collect();
    assert_eq!(sharing, ["cap_emploi", "mdph"]);
    assert_eq!(problems(&read), [(1, String::new(), "field_count")]);
}

#[test]
fn a_separator_that_is_not_one_ascii_character_is_refused() {
    let mut options = fr();
    options.delimiter = Some('§');
    let read = read_csv(b"id\xa7service\nA\xa7aist43\n", &options);
    assert!(!read.is_readable());
    assert_eq!(read.header_issues[0].path.as_str(), "delimiter");
    assert_eq!(read.rows, 0);
    options.delimiter = Some('"');
    assert!(!read_csv(b"id;service\n", &options).is_readable());
}

#[test]
fn an_empty_file_and_a_broken_profile_are_said() {
    let read = read_csv(b"", &fr());
    assert_eq!(read.header_issues[0].code.code(), "empty_file");
    let err =
        Profile::from_json_str(r#"{"name": 3, "columns": {"A": "id", "a": "service"}, "x": 1}"#)
            .unwrap_err();
    let paths: Vec<(&str, &str)> = err
        .issues()
        .iter()
        .map(|i| (i.code.code(), i.path.as_str()))
        .collect();
    assert_eq!(
        paths,
        [
            ("unknown_field", "x"),
            ("string_type", "name"),
            ("duplicate_key", "columns.a"),
        ]
    );
    assert_eq!(err.code(), "invalid_profile");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any bytes are read without a panic, and every row is either a
        /// case or has a problem: none is dropped without a word.
        #[test]
        fn any_bytes_are_read_and_no_row_is_lost(
            body in proptest::collection::vec(any::<u8>(), 0..600),
            separator in prop::sample::select(vec![b';', b',', b'\t', b'"', b'\n', b'\r']),
        ) {
            let mut file = HEADER.as_bytes().to_vec();
            file.push(b'\n');
            file.extend(body.iter().map(|&b| if b % 7 == 0 { separator } else { b }));
            let read = read_csv(&file, &fr());
            if read.is_readable() {
                let mut with_problems: Vec<usize> = read.table.issues.iter()
                    .filter(|p| p.issue.severity.is_error())
                    .map(|p| p.row).collect();
                with_problems.dedup();
                for row in 0..read.rows {
                    let kept = read.table.rows.contains(&row);
                    let refused = with_problems.contains(&row);
                    prop_assert!(kept != refused, "row {} kept {} refused {}", row, kept, refused);
                }
            }
        }
    }
}

#[test]
fn lines_are_counted_with_crlf_line_ends_and_quoted_line_breaks() {
    // Windows line ends, a blank line, and a cell over two lines: the line
    // of each row is where it begins in the file.
    let file = "id;service;signalement_date;source_visit;signalled_by\r\n\
                A;aist43;04/03/2024;reprise;idest\r\n\
                \r\n\
                B;\"aist\r\n43\";31/02/2024;reprise;idest\r\n\
                C;aist43;31/02/2024;reprise;idest\r\n";
    let read = read_csv(file.as_bytes(), &fr());
    assert_eq!(read.lines, [2, 4, 6]);
    let lf = file.replace("\r\n", "\n");
    assert_eq!(read_csv(lf.as_bytes(), &fr()).lines, [2, 4, 6]);
}

#[test]
fn a_lone_carriage_return_ends_a_line_as_it_ends_a_record() {
    // Old Mac files end lines with a lone `\r`; the csv crate splits
    // records there, so a row begins on the next line, never on the
    // header's (a stray `\r` in the header, found by fuzzing, did that).
    let file = "id;service;signalement_date;source_visit;signalled_by\r\
                A;aist43;04/03/2024;reprise;idest\r\
                B;aist43;05/03/2024;reprise;idest\r";
    assert_eq!(read_csv(file.as_bytes(), &fr()).lines, [2, 3]);
    let stray = "id;service;signalement_date;source_visit;signalled_by;x\rjunk\n\
                 A;aist43;04/03/2024;reprise;idest\n";
    let read = read_csv(stray.as_bytes(), &fr());
    assert_eq!(read.lines, [2, 3]);
}

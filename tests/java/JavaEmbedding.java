// A plain Java program against the uniffi Kotlin bindings, compiled with
// javac and run on the JVM by run-tests.sh: every host function is called
// the way a Java vendor writes it (static methods of fr.cme.Cme, records
// built with the new* builders and setters, dates as java.time.LocalDate,
// a Policy object, checked CmeException with code, path and the French
// message as getMessage()).
//
//   javac -cp target/kotlin/embedding.jar:/usr/share/java/jna.jar \
//     -d target/java tests/java/JavaEmbedding.java
//   java -Djna.library.path=target/debug \
//     -cp target/java:target/kotlin/embedding.jar:/usr/share/java/jna.jar JavaEmbedding
import fr.cme.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

public final class JavaEmbedding {
    private static int checks = 0;

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
        checks++;
    }

    /** A case built field by field in Java: the signalement of AISMT 13's example. */
    private static Case buildCase() {
        Signalement signalement = Cme.newSignalement(
                LocalDate.of(2024, 3, 4), SourceVisit.PRE_REPRISE, Signaller.MEDECIN_DU_TRAVAIL);
        Case c = Cme.newCase("JAVA-1", "aismt13", signalement);
        Worker worker = Cme.newWorker();
        worker.setBirthYear(1972);
        worker.setCim10Chapter(13);
        c.setWorker(worker);
        SickLeave leave = Cme.newSickLeave(LocalDate.of(2024, 1, 8), SickLeaveCause.MALADIE_NON_PROFESSIONNELLE);
        leave.setEnd(LocalDate.of(2024, 4, 30));
        c.setSickLeaves(List.of(leave));
        Consent consent = Cme.newConsent(LocalDate.of(2024, 3, 11), true);
        consent.setSharingWith(List.of(Partner.CAP_EMPLOI));
        c.setConsents(List.of(consent));
        List<Event> events = new ArrayList<>();
        events.add(Cme.newEvent(EventType.CONTACT, LocalDate.of(2024, 3, 11)));
        Event analysis = Cme.newEvent(EventType.ANALYSE_DEMANDE, LocalDate.of(2024, 3, 14));
        analysis.setSimpleSolution(false);
        events.add(analysis);
        c.setEvents(events);
        Visit preReprise = Cme.newVisit(VisitRule.PRE_REPRISE, LocalDate.of(2024, 3, 4));
        preReprise.setRequestedBy(Requester.SALARIE);
        c.setVisits(List.of(preReprise));
        // The employer is contacted with the doctor's and the worker's agreement.
        EmployerExchange contact = Cme.newEmployerExchange(ExchangeKind.CONTACT, LocalDate.of(2024, 3, 12));
        contact.setDoctorAgreed(true);
        contact.setWorkerAgreed(true);
        c.setEmployerExchanges(List.of(contact));
        c.setReferrals(List.of(Cme.newReferral(Partner.CAP_EMPLOI, ReferralDirection.VERS_PARTENAIRE,
                LocalDate.of(2024, 3, 20))));
        c.setMeetings(List.of(Cme.newMeeting(LocalDate.of(2024, 3, 18))));
        c.setMeasures(List.of(Cme.newMeasure(MeasureKind.ESSAI_ENCADRE, LocalDate.of(2024, 4, 2))));
        return c;
    }

    public static void main(String[] args) throws Exception {
        LocalDate asOf = LocalDate.of(2024, 6, 30);
        check(!Cme.version().isEmpty(), "version");

        // Records, validation and the interchange JSON.
        Case c = buildCase();
        List<Issue> issues = Cme.validateCase(c, asOf);
        check(issues.isEmpty(), "the Java case is valid: " + issues);
        String json = Cme.caseToJson(c);
        check(Cme.validate(json, asOf).isEmpty(), "validate");
        check(Cme.validate(json, null).isEmpty(), "validate without a date");
        Case back = Cme.caseFromJson(json);
        check(back.getSickLeaves().get(0).getEnd().equals(LocalDate.of(2024, 4, 30)), "dates come back as LocalDate");
        check(back.getFormatVersion() == 2, "format version " + back.getFormatVersion());
        check(back.getMeasures().get(0).getMeasure() == MeasureKind.ESSAI_ENCADRE, "measures come back");
        check(back.getVisits().get(0).getRequestedBy() == Requester.SALARIE, "a visit's requester comes back");
        check(Cme.parseCase(json, asOf).contains("\"JAVA-1\""), "parseCase");

        // A validation error: checked, with its code, path, issues and French message.
        try {
            Cme.parseCase("{\"format_version\": 2, \"id\": \"Jean Dupont\"}", null);
            throw new AssertionError("no error");
        } catch (CmeException.Validation e) {
            check(e.getCode().equals("invalid_case") && e.getPath().isEmpty(), "code " + e.getCode());
            check(e.getIssues().stream().anyMatch(i -> i.getCode().equals("invalid_id") && i.getPath().equals("id")),
                    "issue invalid_id at id: " + e.getIssues());
            check(e.getMessage().equals(e.getMessageFr()), "getMessage() is the French message: " + e.getMessage());
            check(!e.getMessage().contains("Dupont"), "no value in the message");
        }
        Case bad = buildCase();
        bad.getSickLeaves().get(0).setEnd(LocalDate.of(2023, 12, 31));
        List<Issue> badIssues = Cme.validateCase(bad, asOf);
        check(badIssues.stream().anyMatch(i -> i.getPath().equals("sick_leaves[0].end")),
                "a leave ending before it starts is reported at its end: " + badIssues);
        try {
            Cme.newCase("x", "aismt13", Cme.newSignalement(asOf, SourceVisit.REPRISE, Signaller.SALARIE));
            Cme.evaluateCase(bad, Policy.Companion.preset("aismt13"), asOf);
            throw new AssertionError("no error");
        } catch (CmeException e) {
            check(e instanceof CmeException.Validation, "evaluating an invalid case: " + e);
        }

        // Policies as objects.
        check(Cme.presetCodes().size() == 7, "seven presets");
        try (Policy aismt13 = Policy.Companion.preset("aismt13");
             Policy fromJson = Policy.Companion.fromJson(Cme.presetJson("aist43"));
             Policy checked = Policy.Companion.fromJson(Cme.loadPolicy(Cme.presetJson("aist63"), "json"))) {
            check(aismt13.id().equals("aismt13") && !aismt13.name().isEmpty(), "policy id");
            check(fromJson.id().equals("aist43") && checked.id().equals("aist63"), "policies from JSON");
            check(aismt13.toJson().contains("\"aismt13\""), "policy JSON");
            try {
                Policy.Companion.preset("nope");
                throw new AssertionError("no error");
            } catch (CmeException.UnknownPreset e) {
                check(e.getCode().equals("unknown_preset") && e.getPath().equals("policy"), e.getCode() + " " + e.getPath());
            }
            try {
                Policy.Companion.fromToml("id = ");
                throw new AssertionError("no error");
            } catch (CmeException.Policy e) {
                check(e.getIssues().get(0).getCode().equals("invalid_toml"), e.getIssues().toString());
            }
            try {
                Policy.Companion.fromJson("{}");
                throw new AssertionError("no error");
            } catch (CmeException.Policy e) {
                check(!e.getIssues().isEmpty(), "policy issues");
            }

            // The pathway.
            EvaluationResult r = Cme.evaluateCase(c, aismt13, asOf);
            check(r.getStage() == Stage.CONTACT && r.getStatusCode().equals("en_cours"),
                    "stage " + r.getStageCode() + " status " + r.getStatusCode());
            check(r.getPolicyHash().equals(aismt13.contentHash()), "the evaluation cites the policy's hash");
            check(r.getTextFr().length() > 0 && r.getJson().startsWith("{"), "explanation");
            EvaluationResult same = Cme.evaluate(json, aismt13, asOf);
            check(same.getJson().equals(r.getJson()), "evaluate and evaluateCase agree");
            String added = Cme.tryAddEvent(json, "{\"type\": \"entretien_qualification\", \"date\": \"2024-03-25\"}");
            check(added.contains("entretien_qualification"), "tryAddEvent");
            try {
                Cme.tryAddEvent(json, "{\"type\": \"suivi\", \"date\": \"2024-03-25\"}");
                throw new AssertionError("no error");
            } catch (CmeException.EventRefused e) {
                check(e.getIssues().get(0).getCode().equals("follow_up_without_exit"), e.getIssues().toString());
            }

            // The legal calendar.
            String leave = "{\"start\": \"2024-01-08\", \"end\": \"2024-04-30\", \"cause\": \"maladie_non_professionnelle\"}";
            List<VisitOutcome> visits = Cme.visitObligationsForLeave(leave, "{\"birth_year\": 1972}", asOf, null, null);
            VisitOutcome reprise = visits.stream().filter(v -> v.getRule() == VisitRule.REPRISE).findFirst().orElseThrow();
            // R4624-31: after 60 days of absence, within 8 days of the return (1 May 2024).
            check(reprise.getObligation() == Obligation.OBLIGATOIRE, "reprise " + reprise.getObligationCode());
            check(reprise.getDue().equals(LocalDate.of(2024, 5, 9)), "reprise due " + reprise.getDue());
            check(Cme.visitObligations(json, asOf, null).contains("reprise"), "visitObligations");
            String calendar = Cme.legalCalendar("{\"leaves\": [" + leave + "]}", asOf, null);
            check(calendar.contains("pre_reprise"), "legalCalendar");
            try {
                Cme.visitObligations(json, asOf, -1);
                throw new AssertionError("no error");
            } catch (CmeException.Validation e) {
                check(e.getIssues().get(0).getCode().equals("integer_out_of_range"), e.getIssues().toString());
            }

            // Orientation, gated by consent.
            List<Suggestion> suggestions = Cme.orient(json, asOf, List.of("reconnaissance_handicap"));
            // The grid sends an RQTH to the MDPH; the worker consented to
            // sharing with Cap emploi only: blocked.
            check(suggestions.size() == 1 && suggestions.get(0).getPartner() == Partner.MDPH
                    && !suggestions.get(0).getActionable()
                    && "sans_consentement".equals(suggestions.get(0).getBlocked()), "orient: " + suggestions);

            // Indicators, the accumulator, publication.
            String sample = Cme.sampleCasesJson();
            // Java passes every argument (Kotlin's defaults are not Java's):
            // an empty list of indicators is the whole catalogue.
            String report = Cme.indicatorsJson(sample, aismt13, "2024", List.of("secteur"), null, null, List.of());
            check(report.contains("\"cases\":50"), "indicators of the sample");
            String some = Cme.indicatorsJson(sample, aismt13, "2024", List.of(), null, null, List.of("sorties", "entrees"));
            check(some.contains("\"indicators\":[\"entrees\",\"sorties\"]") && !some.contains("\"signalements\""),
                    "a report of two figures: " + some);
            String published = Cme.indicatorsJson(sample, aismt13, "2024", List.of("secteur"), 11L, null, List.of());
            check(published.contains("\"hidden\":\"secret_statistique\"") && published.contains("\"receipt\""),
                    "published with hidden cells and a receipt");
            try {
                Cme.indicatorsJson(sample, aismt13, "2024", List.of(), -5L, null, List.of());
                throw new AssertionError("no error");
            } catch (CmeException e) {
                check(e.getMessage().equals(((CmeException.Validation) e).getMessageFr()), "threshold refused");
            }
            // A region of the sample's services, each under its own preset,
            // and the impact of a change of policy on the sample.
            String region = Cme.regionalReportJson(sample, "2024", List.of("service"), null);
            check(region.contains("\"divergences\"") && region.contains("\"harmonised\"") && region.contains("\"cases\":50"),
                    "regional report of the sample");
            // The cell's worklists of the sample, grouped by service.
            String lists = Cme.worklistsJson(sample, "2024-06-30", null, "{\"by\": \"service\", \"lists\": [\"suivi_en_retard\"]}");
            check(lists.contains("\"groups\"") && lists.contains("\"suivi_en_retard\"") && lists.contains("\"half_month\""),
                    "worklists of the sample");
            // The cell's documents: AIST 63's livret with the place given
            // at rendering time, its Word file, and a letter to the employer
            // refused without the worker's agreement.
            String docCase = "{\"format_version\": 2, \"id\": \"DOC-1\", \"service\": \"aist63\", \"worker\": {},"
                    + " \"signalement\": {\"date\": \"2024-05-13\", \"source_visit\": \"a_la_demande\", \"signalled_by\": \"medecin_du_travail\"}}";
            String livret = Cme.documentJson(docCase, "livret_accompagnement", "2024-06-17", "{\"identity\": {\"place\": \"Clermont-Ferrand\"}}");
            check(livret.contains("NOTRE ENGAGEMENT") && livret.contains("Fait à Clermont-Ferrand, le"), "livret");
            byte[] word = Cme.documentDocx(docCase, "livret_accompagnement", "2024-06-17", null);
            check(word.length > 1000 && word[0] == 'P' && word[1] == 'K', "the livret as a Word file");
            try {
                Cme.documentJson(docCase, "convocation_employeur", "2024-06-17", null);
                throw new AssertionError("no error");
            } catch (CmeException.Validation e) {
                check(e.getIssues().get(0).getCode().equals("document_without_consent"), e.getIssues().toString());
            }
            check(Cme.documentFieldsJson().contains("\"worker.name\""), "document fields");
            String impact = Cme.impactJson(sample, "{\"policy\": \"aist43\"}", "{\"policy\": \"aismt13\"}", "2025-06-30");
            check(impact.contains("\"cases\":50") && impact.contains("\"by_aspect\""), "impact of a change of policy");
            // The company report (D4622-54): no sample case names a company,
            // so no case counts; a headcount of 300 is refused.
            String company = Cme.companyReportJson(sample, aismt13, "ENT-1", 450L, "2024", List.of(), null);
            check(company.contains("\"cases\":0") && company.contains("\"passed\":true"), "company report");
            try {
                Cme.companyReportJson(sample, aismt13, "ENT-1", 300L, "2024", List.of(), null);
                throw new AssertionError("no error");
            } catch (CmeException e) {
                check(e.getMessage().contains("300"), "a company of 300 employees is refused");
            }
            String bundle = Cme.publishBundleJson("[" + report + "]", 11L, null);
            check(Cme.auditJson(bundle).contains("\"protected\":true") && !Cme.auditJson(bundle).contains("\"protected\":false"),
                    "every hidden count is protected");
            check(Cme.verifyJson(bundle).contains("\"passed\":true") && !Cme.verifyJson(bundle).contains("\"passed\":false"),
                    "the receipt verifies");
            try (IndicatorAccumulator acc = new IndicatorAccumulator(aismt13, "2024", List.of("secteur"), List.of())) {
                acc.addCasesJson(sample);
                acc.addCase(c);
                acc.addCaseJson(json);
                check(acc.cases() == 52L, "cases " + acc.cases());
                try (IndicatorAccumulator copy = IndicatorAccumulator.Companion.fromState(acc.state())) {
                    acc.merge(copy);
                }
                check(acc.cases() == 104L, "merged " + acc.cases());
                check(acc.finishJson().contains("\"cases\":104"), "finishJson");
            }
        }
        check(Cme.indicatorCatalogueJson().contains("\"id\":\"signalements\""), "catalogue");
        check(Cme.caseSchemaJson().contains("format_version"), "schema");
        TreeSet<String> kinds = new TreeSet<>();
        for (CodeList list : Cme.codeLists()) {
            kinds.add(list.getKind());
        }
        check(kinds.contains("source_visit") && kinds.contains("status"), "code lists " + kinds);

        // A Rust panic becomes fr.cme.InternalException (not declared: Java
        // catches it as Exception); the JVM lives on.
        try {
            Cme.boundaryPanic();
            throw new AssertionError("no error");
        } catch (Exception e) {
            check(e instanceof InternalException, "panic: " + e);
        }
        System.out.println("java: " + checks + " checks: ok");
    }
}

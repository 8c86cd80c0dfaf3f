// The uniffi Kotlin bindings, compiled and run on the JVM (JNA): every
// validation and pathway vector, an error crossing the boundary with its
// code and path, the accumulator object, and the snippet of
// docs/embedding.md (`docSnippet`, compiled from target/kotlin/DocSnippet.kt,
// which make_vectors.py extracts from the document). Run by run-tests.sh:
//   kotlinc target/uniffi-kt/fr/cme/cme_uniffi.kt tests/kotlin/Embedding.kt \
//     target/kotlin/DocSnippet.kt ...
import fr.cme.*
import java.io.File
import java.time.LocalDate

fun check(ok: Boolean, what: () -> String) {
    if (!ok) throw AssertionError(what())
}

fun validationVectors(dir: String): Int {
    var n = 0
    File(dir, "validation.tsv").forEachLine { line ->
        val (name, asOf, expected, input) = line.split("\t", limit = 4)
        val issues = validate(input, asOf.ifEmpty { null }?.let(LocalDate::parse))
        val got = issues.map { "${it.code}@${it.path}" }.sorted().joinToString(",")
        check(got == expected) { "$name: $got != $expected" }
        n++
    }
    return n
}

fun pathwayVectors(dir: String): Int {
    var n = 0
    File(dir, "pathway.tsv").forEachLine { line ->
        val (name, asOf, expected, policy, input) = line.split("\t", limit = 5)
        val r = Policy.fromJson(policy).use { evaluate(input, it, LocalDate.parse(asOf)) }
        val want = expected.split(",").associate { it.substringBefore("=") to it.substringAfter("=") }
        want["stage"]?.let { check(r.stageCode == it) { "$name: stage ${r.stageCode} != $it" } }
        want["status"]?.let { check(r.statusCode == it) { "$name: status ${r.statusCode} != $it" } }
        n++
    }
    return n
}

fun errorsCrossWithCodeAndPath() {
    try {
        parseCase("""{"format_version": 1, "id": "Jean Dupont"}""", null)
        throw AssertionError("no error")
    } catch (e: CmeException.Validation) {
        check(e.code == "invalid_case" && e.path == "") { "code ${e.code} path ${e.path}" }
        check(e.issues.first().code == "invalid_id" && e.issues.first().path == "id") { "${e.issues}" }
        check(!e.messageFr.contains("Dupont")) { "value in message" }
        check(e.message == e.messageFr) { "message ${e.message}" }
    }
    try {
        Policy.preset("nope")
        throw AssertionError("no error")
    } catch (e: CmeException.UnknownPreset) {
        check(e.code == "unknown_preset" && e.path == "policy") { "${e.code} ${e.path}" }
    }
}

fun accumulator() {
    IndicatorAccumulator(Policy.preset("aist43"), "2024", listOf("secteur")).use { acc ->
        acc.addCasesJson(sampleCasesJson())
        check(acc.cases() == 50L) { "cases ${acc.cases()}" }
        IndicatorAccumulator.fromState(acc.state()).use { copy ->
            acc.merge(copy)
        }
        check(acc.finishJson().contains("\"cases\":100")) { "merged" }
    }
    val codes = codeLists().first { it.kind == "source_visit" }
    check(codes.entries.any { it.label == "Visite de pré-reprise" }) { "labels" }
}

fun main(args: Array<String>) {
    val dir = args.getOrElse(0) { "target/kotlin" }
    val v = validationVectors(dir)
    val p = pathwayVectors(dir)
    errorsCrossWithCodeAndPath()
    accumulator()
    docSnippet()
    println("kotlin: $v validation vectors, $p pathway vectors, errors, accumulator, doc snippet: ok")
}

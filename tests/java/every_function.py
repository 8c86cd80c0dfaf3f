"""Checks that tests/java/JavaEmbedding.java calls every function the host
library exports, and every method of its objects: the list is read from the
generated bindings (the Python module, whose top-level `def`s and object
protocols are the library's interface), so a function added to cme-ffi
without a Java call fails the test run.

    python tests/java/every_function.py target/uniffi-py/cme_uniffi.py tests/java/JavaEmbedding.java \
        target/uniffi-kt/fr/cme/cme_uniffi.kt

With the generated Kotlin, it also checks that no unsigned type appears in
it: Java has none, and Kotlin mangles the names of functions taking them
(`indicatorsJson-hGHWlYE`), which Java cannot call.
"""
import re
import sys


def camel(name):
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def main(bindings, java, kotlin=None):
    if kotlin:
        kt = open(kotlin, encoding="utf-8").read()
        unsigned = sorted(set(re.findall(r"kotlin\.U(?:Int|Long|Short|Byte)\b", kt)))
        if unsigned:
            sys.exit(f"{kotlin}: unsigned types in the host API: {', '.join(unsigned)}")
    py = open(bindings, encoding="utf-8").read()
    src = open(java, encoding="utf-8").read()
    functions = re.findall(r"^def ([a-z]\w*)\(", py, flags=re.M)
    assert len(functions) > 20, f"{bindings}: {len(functions)} functions found, the pattern no longer matches"
    missing = [f for f in functions if f"Cme.{camel(f)}(" not in src]
    # Methods of the objects: declared in their protocol classes.
    methods = []
    for proto, body in re.findall(r"^class (\w+)Protocol\(.*?\):\n(.*?)(?=^class |\Z)", py, flags=re.M | re.S):
        for m in re.findall(r"^    def ([a-z]\w*)\(", body, flags=re.M):
            methods.append(f"{proto}.{m}")
            if f".{camel(m)}(" not in src:
                missing.append(f"{proto}.{m}")
    constructors = []
    for cls, body in re.findall(r"^class (\w+)\(\w+Protocol\):\n(.*?)(?=^class |\Z)", py, flags=re.M | re.S):
        constructors += [f"{cls}.{c}" for c in re.findall(r"@classmethod\n    def ([a-z]\w*)\(cls", body)]
    missing += [c for c in constructors if f"{c.split('.')[0]}.Companion.{camel(c.split('.')[1])}(" not in src]
    if missing:
        sys.exit(f"{java} does not call: {', '.join(missing)}")
    print(f"java: calls all {len(functions)} functions, {len(methods)} methods and "
          f"{len(constructors)} named constructors of the host library")


if __name__ == "__main__":
    main(*sys.argv[1:4])

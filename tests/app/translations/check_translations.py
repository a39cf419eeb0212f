#!/usr/bin/env python3
"""Fails when a string of the interface has no finished French translation.

Runs tools/update-translations.sh into a temporary folder, so that lupdate sweeps the sources as
they are now: a string put in tr() but not yet in the committed .ts comes in as unfinished and
is caught here. Then lists, FILE: CONTEXT: "SOURCE": what is wrong, for every message whose
translation is missing, empty or unfinished, or whose placeholders (%1, %n) differ from the
source's. Exits 1 if there is any.

    check_translations.py SOURCE_ROOT LUPDATE
"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

root = pathlib.Path(sys.argv[1]).resolve()
lupdate = sys.argv[2]
placeholder = re.compile(r"%(?:\d+|n|L\d+)")

with tempfile.TemporaryDirectory() as tmp:
    env = dict(os.environ, LUPDATE=lupdate)
    subprocess.run([str(root / "tools/update-translations.sh"), "--into", tmp], check=True,
                   env=env, timeout=240)
    problems = []
    counts = {}
    for ts in sorted(pathlib.Path(tmp).glob("*.ts")):
        tree = ET.parse(ts)
        n = 0
        for context in tree.getroot().iter("context"):
            name = context.findtext("name")
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                translation = message.find("translation")
                where = f'{ts.name}: {name}: "{source}"'
                kind = translation.get("type") if translation is not None else None
                if kind in ("obsolete", "vanished"):
                    continue
                n += 1
                if translation is None:
                    problems.append(f"{where}: no translation")
                    continue
                forms = [f.text or "" for f in translation.iter("numerusform")]
                if message.get("numerus") == "yes" and not forms:
                    forms = [translation.text or ""]
                texts = forms or [translation.text or ""]
                if kind == "unfinished":
                    problems.append(f"{where}: unfinished")
                elif any(not t.strip() for t in texts):
                    problems.append(f"{where}: empty")
                else:
                    wanted = sorted(set(placeholder.findall(source)))
                    for t in texts:
                        got = sorted(set(placeholder.findall(t)))
                        # A plural form may leave %n out ("une réplique"), never add one.
                        if message.get("numerus") == "yes":
                            got = sorted(set(got) | {"%n"} & set(wanted))
                        if got != wanted:
                            problems.append(f"{where}: placeholders {got} in \"{t}\", "
                                            f"source has {wanted}")
        counts[ts.name] = n

for p in problems:
    print(p)
print(", ".join(f"{name}: {n} messages" for name, n in counts.items()))
if problems:
    print(f"{len(problems)} messages need a French translation: translate them as "
          "app/translations/README.md says.")
    sys.exit(1)

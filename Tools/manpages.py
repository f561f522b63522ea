#!/usr/bin/env python3
"""Writes one mdoc(7) man page per htx command from the command definitions.

Reads the tool description swift-argument-parser prints (`htx --experimental-dump-help`) and writes
`htx.1`, `htx.coop.1`, `htx.coop.list.1` ... into the folder given. It does what the package's
`generate-manual` plugin does, with one difference that matters here: that generator drops every
non-ASCII character (swift-argument-parser, Tools/generate-manual/MDoc/String+Escaping.swift, "TODO:
maybe drop `where character.isASCII`"), which leaves Vietnamese help unreadable ("Danh mc HTX in
hnh"). Text stays UTF-8; man-db runs it through preconv.

Usage: manpages.py HTX_BINARY OUTPUT_FOLDER [DATE]
"""
import datetime
import json
import os
import subprocess
import sys


def escape(text):
    """Text for an mdoc line: backslashes doubled, a leading dot or quote guarded."""
    text = text.replace("\\", "\\e")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def argument(text):
    """A macro argument: quoted when it holds spaces, inner quotes doubled."""
    text = escape(text).replace('"', '""')
    return f'"{text}"' if (" " in text or text == "") else text


def flag_names(arg):
    names = []
    for name in arg.get("names", []):
        names.append(("Fl -" if name["kind"] == "long" else "Fl ") + argument(name["name"]))
    return names


def synopsis_item(arg):
    if arg["kind"] == "positional":
        item = "Ar " + argument(arg.get("valueName", "value"))
    else:
        preferred = arg.get("preferredName") or arg["names"][0]
        dash = "-" if preferred["kind"] == "long" else ""
        item = "Fl " + dash + argument(preferred["name"])
        if arg["kind"] == "option":
            item += " Ar " + argument(arg.get("valueName", "value"))
    if arg.get("isRepeating"):
        item += " Ar ..."
    return ("Op " + item) if arg.get("isOptional") else item


def page(command, path, date):
    name = " ".join(path)
    lines = [
        '.\\" Generated from the command definitions by Tools/manpages.py',
        f".Dd {date}",
        f".Dt {'.'.join(path).upper()} 1",
        ".Os",
        ".Sh NAME",
        f".Nm {argument(name)}",
        f".Nd {argument(command.get('abstract', ''))}",
        ".Sh SYNOPSIS",
        f".Nm {argument(name)}",
    ]
    arguments = [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)]
    subcommands = [s for s in command.get("subcommands", []) if s.get("shouldDisplay", True)]
    if subcommands:
        lines.append(".Ar subcommand")
    for arg in arguments:
        lines.append("." + synopsis_item(arg))
    lines.append(".Sh DESCRIPTION")
    body = command.get("discussion") or command.get("abstract", "")
    literal = False
    for paragraph in body.split("\n"):
        if paragraph.startswith("  "):
            if not literal:
                lines.append(".Bd -literal -offset indent")
                literal = True
            lines.append(escape(paragraph.strip()))
            continue
        if literal:
            lines.append(".Ed")
            literal = False
        lines.append(escape(paragraph.strip()) if paragraph.strip() else ".Pp")
    if literal:
        lines.append(".Ed")
    if arguments:
        lines.append(".Bl -tag -width 6n")
        for arg in arguments:
            if arg["kind"] == "positional":
                head = "Ar " + argument(arg.get("valueName", "value"))
            else:
                head = " , ".join(flag_names(arg))
                if arg["kind"] == "option":
                    head += " Ar " + argument(arg.get("valueName", "value"))
            lines.append(".It " + head)
            text = arg.get("abstract", "")
            if arg.get("defaultValue"):
                text += f" (default: {arg['defaultValue']})"
            lines.append(escape(text) if text else ".Pp")
            if arg.get("discussion"):
                lines.append(escape(arg["discussion"]))
        lines.append(".El")
    if subcommands:
        lines += [".Sh SUBCOMMANDS", ".Bl -tag -width 6n"]
        for sub in subcommands:
            lines += [f".It Em {argument(sub['commandName'])}", escape(sub.get("abstract", ""))]
            lines.append(f"See {'.'.join(path + [sub['commandName']])}(1).")
        lines.append(".El")
    if len(path) > 1:
        lines += [".Sh SEE ALSO", f".Xr {'.'.join(path[:-1])} 1"]
    return "\n".join(lines) + "\n"


def write(command, path, folder, date, written):
    file = os.path.join(folder, ".".join(path) + ".1")
    with open(file, "w", encoding="utf-8") as out:
        out.write(page(command, path, date))
    written.append(file)
    for sub in command.get("subcommands", []):
        if sub.get("shouldDisplay", True):
            write(sub, path + [sub["commandName"]], folder, date, written)


def main():
    binary, folder = sys.argv[1], sys.argv[2]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else datetime.datetime.now()
    date = sys.argv[3] if len(sys.argv) > 3 else when.strftime("%B %-d, %Y")
    info = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True).stdout)
    os.makedirs(folder, exist_ok=True)
    written = []
    root = info["command"]
    write(root, [root["commandName"]], folder, date, written)
    print(f"{len(written)} man pages in {folder}")


if __name__ == "__main__":
    main()

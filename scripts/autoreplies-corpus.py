#!/usr/bin/env python3
"""Build testdata/corpus/autoreplies/sys-*.eml: the auto-reply texts real systems ship.

Each message is the default text a system sends (its own source, its own licence, cited in
testdata/corpus/autoreplies/SOURCES.md), wrapped with the header fields that system's code
sets (and none it does not set), placeholders filled with plain values. Every file is an
auto-reply by construction: it was labelled so before any run.

The translated texts are read from pinned commits of seven repositories, cloned by the caller:

  git clone https://github.com/postfixadmin/postfixadmin             (commit PFA below)
  git clone https://github.com/KDE/libksieve                         (commit KSIEVE below)
  git clone https://github.com/modoboa/modoboa-postfix-autoreply     (commit MODOBOA below)
  git clone https://github.com/linagora/linagora.esn.unifiedinbox    (commit OPENPAAS below)
  git clone https://github.com/tutao/tutanota                        (commit TUTA below)
  git clone https://github.com/masegaloeh/avelsieve-latest           (commit AVELSIEVE below)
  git clone https://github.com/Intermesh/groupoffice                 (commit GROUPOFFICE below)
  scripts/autoreplies-corpus.py --postfixadmin DIR/.git --libksieve DIR/.git --modoboa DIR/.git \
      --openpaas DIR/.git --tuta DIR/.git --avelsieve DIR/.git --groupoffice DIR/.git

The other systems' texts are single English templates, copied below with their source.
"""

import argparse
import email.header
import html
import json
import os
import re
import subprocess

PFA = "65b10f7285524bc6753f604bd11ff3c3de5cbf97"
KSIEVE = "9d398a96f0c8265a848f75413523a2a70ad49cf0"
MODOBOA = "fa9c745d759a8d2e4857c4e53030d08cf769fffe"
OPENPAAS = "780ab95425a93359a643db0584009ea8bf8bc9f6"
TUTA = "0f34397ae95db354b707ab963bec84cdcbd8f5b6"
AVELSIEVE = "6738f6c26d3c438b3032aa7025c7a78c2c820ff7"
GROUPOFFICE = "63bb0bc3f8d3f504097b2aabb4978dd74c9e93c5"
OUT = os.path.join(os.path.dirname(__file__), "..", "testdata", "corpus", "autoreplies")

# The values that fill the placeholders.
TICKET = "31001"
APPLICANT = "Alex Morgan <alex.morgan@mail.example>"
APPLICANT_ADDR = "alex.morgan@mail.example"
ORIG_SUBJECT = "Thank you for the interview"
ORIG_ID = "<20260731081512.4711@mail.example>"
ORIG_TEXT = "Dear Ms Weber,\n\nthank you for taking the time to meet me on Tuesday.\nI enjoyed learning about the team.\n\nBest regards,\nAlex Morgan\n"


def git_show(gitdir, commit, path):
    return subprocess.run(["git", "--git-dir", gitdir, "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout.decode("utf-8")


def enc(s):
    """A header value as the systems write it: MIME-encoded when it is not ASCII."""
    try:
        s.encode("ascii")
        return s
    except UnicodeEncodeError:
        return email.header.Header(s, "utf-8").encode()


def write(name, headers, body):
    lines = [f"{k}: {v}" for k, v in headers]
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n\n" + body.rstrip("\n") + "\n")


# --- Postfix Admin's virtual vacation (VIRTUAL_VACATION/vacation.pl): the default subject and
# body of every language file. vacation.pl replaces <%From_Date> and <%Until_Date> with the
# dates (format %Y-%m-%d) and sends with Email::Simple->create: To, From, Subject, Precedence:
# junk, Content-Type, X-Loop, Auto-Submitted: auto-replied (Email::Simple adds Date; Postfix
# adds Message-ID to locally submitted mail).
def postfixadmin(gitdir):
    langs = git_show(gitdir, PFA, "languages/index.php")  # proves the commit is there
    del langs
    files = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "--name-only", PFA, "languages/"],
                           check=True, capture_output=True).stdout.decode().split()
    seen = {}
    for path in sorted(files):
        if not path.endswith(".lang"):
            continue
        lang = os.path.basename(path)[:-5]
        src = git_show(gitdir, PFA, path)
        subj = re.search(r"\$PALANG\['pUsersVacation_subject_text'\]\s*=\s*'((?:[^'\\]|\\.)*)'", src)
        body = re.search(r"\$PALANG\['pUsersVacation_body_text'\]\s*=\s*<<<EOM\n(.*?)\nEOM;", src, re.S)
        if not subj or not body:
            continue
        text = body.group(1)
        if text in seen:
            continue  # an untranslated copy of another language's text: counted once
        seen[text] = lang
        text = text.replace("<%From_Date>", "2026-07-27").replace("<%Until_Date>", "2026-08-14")
        # The translations that lost vacation.pl's markers ask the user for the dates in the
        # first line (<datum> … <datum>, (dato) … (dato)) or leave a gap (French): the dates
        # go there; any other placeholder (<contact person>, …) is a plain name.
        placeholder = r"<[^<>\n]{2,40}>|\((?:dato|kontaktperson)\)"
        first, _, rest = text.partition("\n")
        dates = iter(["2026-07-27", "2026-08-14"])
        first = re.sub(placeholder, lambda m: next(dates, "Anna Weber"), first)
        text = first + ("\n" + rest if rest else "")
        text = text.replace("du  au .", "du 2026-07-27 au 2026-08-14.").replace("contacter .", "contacter Anna Weber.")
        text = re.sub(placeholder, "Anna Weber", text)
        subject = subj.group(1).replace("\\'", "'")
        write(f"sys-postfixadmin-{lang}.eml", [
            ("Return-Path", "<claire.martin@acme.example>"),
            ("Date", "Tue, 28 Jul 2026 09:14:03 +0200"),
            ("Message-ID", f"<20260728071403.9C1F2A0{len(seen):03d}@mx.acme.example>"),
            ("To", APPLICANT_ADDR),
            ("From", "claire.martin@acme.example"),
            ("Subject", enc(subject)),
            ("Precedence", "junk"),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("X-Loop", "Postfix Admin Virtual Vacation"),
            ("Auto-Submitted", "auto-replied"),
        ], text)


# --- KDE's sieve vacation editor (libksieve, used by KMail): the default subject and text,
# in each translation, with %1 the day after the script is written in the locale's long
# date format (QLocale().toString(QDate) is QLocale::LongFormat, CLDR's full date). The
# reply itself is sent by the sieve server: Dovecot Pigeonhole's vacation (cmd-vacation.c)
# writes X-Sieve, Message-ID, Date, From, To, Subject, In-Reply-To, References,
# Auto-Submitted: auto-replied (vacation), Precedence: bulk, X-Auto-Response-Suppress: All,
# MIME-Version, Content-Type, Content-Transfer-Encoding: 8bit.
LONG_DATE = {  # Saturday 1 August 2026, CLDR full date format
    "en_GB": "Saturday, 1 August 2026", "de": "Samstag, 1. August 2026", "fr": "samedi 1 août 2026",
    "es": "sábado, 1 de agosto de 2026", "it": "sabato 1 agosto 2026", "nl": "zaterdag 1 augustus 2026",
    "pl": "sobota, 1 sierpnia 2026", "pt": "sábado, 1 de agosto de 2026", "pt_BR": "sábado, 1 de agosto de 2026",
    "sv": "lördag 1 augusti 2026", "da": "lørdag den 1. august 2026", "nb": "lørdag 1. august 2026",
    "fi": "lauantai 1. elokuuta 2026", "cs": "sobota 1. srpna 2026", "sk": "sobota 1. augusta 2026",
    "ca": "dissabte, 1 d’agost de 2026", "gl": "sábado, 1 de agosto de 2026", "ru": "суббота, 1 августа 2026 г.",
    "uk": "субота, 1 серпня 2026 р.", "tr": "1 Ağustos 2026 Cumartesi", "ja": "2026年8月1日土曜日",
    "zh_CN": "2026年8月1日星期六", "el": "Σάββατο 1 Αυγούστου 2026", "hu": "2026. augusztus 1., szombat",
    "ro": "sâmbătă, 1 august 2026", "et": "laupäev, 1. august 2026", "sl": "sobota, 1. avgust 2026",
    "ko": "2026년 8월 1일 토요일",
    # Added later (2026-12-07): the translations that LONG_DATE had left out, their CLDR full
    # date as Babel 2.10.3 (Debian's python3-babel) formats it; the Serbian variants and
    # Valencian take their base locale's (sr_Cyrl_BA, sr_Latn, sr_Latn_BA, ca).
    "ar": "السبت، 1 أغسطس 2026", "bg": "събота, 1 август 2026 г.", "bs": "subota, 1. august 2026.",
    "ca@valencia": "dissabte, 1 d’agost de 2026", "eo": "sabato, 1-a de aŭgusto 2026",
    "eu": "2026(e)ko abuztuakren 1(a), larunbata", "he": "יום שבת, 1 באוגוסט 2026",
    "ka": "შაბათი, 01 აგვისტო, 2026", "kk": "2026 ж. 1 тамыз, сенбі", "km": "សៅរ៍ 1 សីហា 2026",
    "nds": "Sünnavend, de 1. August 2026", "sa": "शनिवासरः, 1 अगस्तमासः 2026", "sr": "субота, 1. август 2026.",
    "sr@ijekavian": "субота, 1. август 2026.", "sr@latin": "subota, 1. avgust 2026.",
    "sr@ijekavianlatin": "subota, 1. avgust 2026.", "ta": "சனி, 1 ஆகஸ்ட், 2026", "zh_TW": "2026年8月1日 星期六",
}


def po_entries(src):
    """msgid -> msgstr of a .po file (no plural forms needed here)."""
    out, cur, key = {}, {}, None
    for line in src.splitlines() + [""]:
        if line.startswith("msgid "):
            cur, key = {"msgid": [line[6:]]}, "msgid"
        elif line.startswith("msgstr "):
            cur["msgstr"], key = [line[7:]], "msgstr"
        elif line.startswith('"') and key:
            cur[key].append(line)
        elif not line.strip() and "msgstr" in cur:
            unq = lambda parts: "".join(eval(p) for p in parts)  # noqa: E731 (po strings are C strings)
            out[unq(cur["msgid"])] = unq(cur["msgstr"])
            cur, key = {}, None
    return out


def libksieve(gitdir):
    src = git_show(gitdir, KSIEVE, "src/ksievecore/vacation/vacationutils.cpp")
    msgid = re.search(r'defaultMessageText\(\)\s*\{\s*return i18n\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+),', src).group(1)
    msgid = "".join(eval(p) for p in re.findall(r'"(?:[^"\\]|\\.)*"', msgid))
    seen = set()
    for lang, day in LONG_DATE.items():
        po = po_entries(git_show(gitdir, KSIEVE, f"po/{lang}/libksieve6.po"))
        text, subject = po.get(msgid, ""), po.get("Out of office till %1", "")
        if lang == "en_GB":
            text, subject = text or msgid, subject or "Out of office till %1"
        if not text or text in seen:
            continue  # not translated: the English text, counted once
        seen.add(text)
        subject = (subject or "Out of office till %1").replace("%1", day)
        text = text.replace("%1", day)
        write(f"sys-kde-sieve-{lang.lower().replace('_', '-').replace('@', '-')}.eml", pigeonhole_vacation(len(seen), enc(subject)), text)


# --- Modoboa's away messages (modoboa-postfix-autoreply): the default subject and content
# are global parameters whose initial values are gettext_lazy strings (forms.py,
# ParametersForm), so an installation keeps them in its administrator's language; a new
# away message starts from them, "%(name)s" the user's full name. The "autoreply" command
# (management/commands/autoreply.py) sends it with Django's EmailMessage: Subject "Auto:
# <subject> Re: <their subject>", Auto-Submitted: auto-replied, Precedence: bulk,
# In-Reply-To and References; Django adds Date, Message-ID, MIME-Version, Content-Type and
# Content-Transfer-Encoding.
MODOBOA_SUBJECT = "I'm off"
MODOBOA_CONTENT = "I'm currently off. I'll answer as soon as I come back.\n\nBest regards,\n%(name)s\n"


def modoboa(gitdir):
    forms = git_show(gitdir, MODOBOA, "modoboa_postfix_autoreply/forms.py")
    if "I'm currently off. I'll answer as soon as I come back." not in forms or 'initial=gettext_lazy("I\'m off")' not in forms:
        raise SystemExit("modoboa: the default subject or content moved; read forms.py again")
    files = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "-r", "--name-only", MODOBOA,
                            "modoboa_postfix_autoreply/locale/"], check=True, capture_output=True).stdout.decode().split()
    seen = set()
    for path in sorted(files):
        if not path.endswith("/django.po"):
            continue
        lang = path.split("/")[2]
        po = po_entries(git_show(gitdir, MODOBOA, path))
        subject, text = po.get(MODOBOA_SUBJECT) or MODOBOA_SUBJECT, po.get(MODOBOA_CONTENT) or MODOBOA_CONTENT
        if text in seen:
            continue  # not translated: the English text, counted once
        seen.add(text)
        write(f"sys-modoboa-{lang.lower().replace('_', '-')}.eml", [
            ("Return-Path", "<claire.martin@acme.example>"),
            ("Content-Type", 'text/plain; charset="utf-8"'),
            ("MIME-Version", "1.0"),
            ("Content-Transfer-Encoding", "8bit"),
            ("Subject", enc(f"Auto: {subject} Re: {ORIG_SUBJECT}")),
            ("From", "Claire Martin <claire.martin@acme.example>"),
            ("To", APPLICANT_ADDR),
            ("Date", "Fri, 31 Jul 2026 15:40:12 -0000"),
            ("Message-ID", f"<178551241200.3311.{len(seen):04d}@mail.acme.example>"),
            ("Auto-Submitted", "auto-replied"),
            ("Precedence", "bulk"),
            ("In-Reply-To", ORIG_ID),
            ("References", ORIG_ID),
        ], text % {"name": "Claire Martin"})


# --- OpenPaaS's unified inbox (Linagora): the vacation form fills an empty, disabled vacation
# with its default text (frontend/views/configuration/vacation/index.pug, defaultTextBody;
# frontend/app/controllers.js), translated in backend/lib/i18n/locales/*.json, and has no
# default subject. The reply is sent by Apache James's VacationMailet (VacationReply.java):
# javax.mail's reply() (Subject "Re: …", In-Reply-To, References), From, To and
# Auto-Submitted: auto-replied, the text body as text/plain.
OPENPAAS_TEXT = "Thanks a lot for your message. I am currently out of office and will get back to you soon."


def openpaas(gitdir):
    if OPENPAAS_TEXT not in git_show(gitdir, OPENPAAS, "frontend/views/configuration/vacation/index.pug"):
        raise SystemExit("openpaas: the default text moved; read the vacation form again")
    files = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "--name-only", OPENPAAS,
                            "backend/lib/i18n/locales/"], check=True, capture_output=True).stdout.decode().split()
    for n, path in enumerate(sorted(files)):
        lang = os.path.basename(path)[:-len(".json")]
        text = json.loads(git_show(gitdir, OPENPAAS, path)).get(OPENPAAS_TEXT) or OPENPAAS_TEXT
        write(f"sys-openpaas-{lang}.eml", [
            ("Return-Path", "<claire.martin@acme.example>"),
            ("Date", "Fri, 31 Jul 2026 17:40:12 +0200 (CEST)"),
            ("From", "claire.martin@acme.example"),
            ("To", APPLICANT_ADDR),
            ("Message-ID", f"<{n + 1}.1785512412000.JavaMail.james@mail.acme.example>"),
            ("Subject", f"Re: {ORIG_SUBJECT}"),
            ("In-Reply-To", ORIG_ID),
            ("References", ORIG_ID),
            ("Auto-Submitted", "auto-replied"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
        ], text + "\n")


# --- Tuta Mail's autoresponder (tutao/tutanota): the dialog fills a new out-of-office
# notification with the default subject and message of the user's language
# (src/applications/mail-app/settings/EditOutOfOfficeNotificationDialogModel.ts,
# _setDefaultMessages), the message followed by the user's signature, by default Tuta's own
# (src/applications/mail-app/mail/signature/Signature.ts, getDefaultSignature:
# "defaultEmailSignature_msg" with InfoLink.HomePageFreeSignup). The translations are
# src/ui/translations/*.ts; a language without the message falls back to English and is not
# taken again. The reply is sent by Tuta's server, whose code is not public: the file carries
# only the fields every message has, and no sign is claimed for it (the test reads these by
# their words alone).
TUTA_SIGNUP = "https://tuta.com/free-email"


def tuta(gitdir):
    src = git_show(gitdir, TUTA, "src/applications/mail-app/settings/EditOutOfOfficeNotificationDialogModel.ts")
    if 'appendEmailSignature(this._languageViewModel.get("outOfOfficeDefault_msg")' not in src:
        raise SystemExit("tuta: the default message moved; read the out-of-office dialog again")
    files = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "--name-only", TUTA, "src/ui/translations/"],
                           check=True, capture_output=True).stdout.decode().split()
    key = lambda ts, k: (lambda m: json.loads(m.group(1)) if m else None)(  # noqa: E731
        re.search(r'"' + k + r'":\s*("(?:[^"\\]|\\.)*")', ts))
    en = git_show(gitdir, TUTA, "src/ui/translations/en.ts")
    seen = {key(en, "outOfOfficeDefault_msg")}
    for n, path in enumerate(sorted(files)):
        lang = os.path.basename(path)[:-len(".ts")]
        ts = git_show(gitdir, TUTA, path)
        text, subject = key(ts, "outOfOfficeDefault_msg"), key(ts, "outOfOfficeDefaultSubject_msg")
        if lang != "en" and (not text or text in seen):
            continue  # not translated: the English text, taken once
        seen.add(text)
        signature = (key(ts, "defaultEmailSignature_msg") or key(en, "defaultEmailSignature_msg")).replace(
            "{1}", f'<a href="{TUTA_SIGNUP}">{TUTA_SIGNUP}</a>')
        write(f"sys-tuta-{lang.lower().replace('_', '-')}.eml", [
            ("Date", "Fri, 31 Jul 2026 17:40:12 +0200"),
            ("From", "Claire Martin <claire.martin@acme.example>"),
            ("To", APPLICANT_ADDR),
            ("Subject", enc(subject or key(en, "outOfOfficeDefaultSubject_msg"))),
            ("Message-ID", f"<tuta-ooo-{n + 1:02d}@mail.acme.example>"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Transfer-Encoding", "8bit"),
        ], text + "<br>" + "<br>" + signature + "\n")


# --- Avelsieve, SquirrelMail's sieve filter plugin (masegaloeh/avelsieve-latest): a new
# vacation action is filled with its default message (include/avelsieve_action_vacation.class.php:
# two gettext strings joined by a space), translated when the administrator
# sets $translate_return_msgs (config/config_sample.php), from locale/*/LC_MESSAGES/avelsieve.po
# (each in the charset its header names; SquirrelMail's translators wrote HTML entities, which
# the browser's form decodes before the text reaches the script). It has no default subject,
# so the sieve server writes its own: Dovecot Pigeonhole's "Auto: <their subject>"
# (cmd-vacation.c, act_vacation_get_default_subject), with the fields named for KDE's above.
AVELSIEVE_TEXT = ("This is an automated reply; I am away and will not be able to reply to you immediately.",
                  "I will get back to you as soon as I return.")


def avelsieve(gitdir):
    src = git_show(gitdir, AVELSIEVE, "include/avelsieve_action_vacation.class.php")
    if '$this->options[\'vac_message\'] = _("%s"). \' \'.\n            _("%s");' % AVELSIEVE_TEXT not in src:
        raise SystemExit("avelsieve: the default vacation message moved; read the vacation action again")
    files = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "-r", "--name-only", AVELSIEVE, "locale/"],
                           check=True, capture_output=True).stdout.decode().split()
    seen = set()
    for n, path in enumerate(["locale/en/"] + sorted(f for f in files if f.endswith("/avelsieve.po"))):
        lang = path.split("/")[1]
        po = {}
        if lang != "en":
            raw = subprocess.run(["git", "--git-dir", gitdir, "show", f"{AVELSIEVE}:{path}"],
                                 check=True, capture_output=True).stdout
            charset = re.search(rb"charset=([-\w]+)", raw).group(1).decode()
            po = po_entries(raw.decode(charset))
        text = " ".join(html.unescape(po.get(m) or m) for m in AVELSIEVE_TEXT)
        if text in seen:
            continue  # not translated: the English text, taken once
        seen.add(text)
        write(f"sys-avelsieve-{lang.lower().replace('_', '-')}.eml", pigeonhole_vacation(100 + n), text + "\n")


def pigeonhole_vacation(number, subject=f"Auto: {ORIG_SUBJECT}"):
    """The fields Dovecot Pigeonhole writes on a vacation reply sent for Claire Martin (the
    sieve server that sends KDE's, Avelsieve's and Group-Office's texts), message number
    number, under subject (the sieve script's, else Pigeonhole's own)."""
    return [
        ("Return-Path", "<>"),
        ("X-Sieve", "Pigeonhole Sieve 0.5.21"),
        ("Message-ID", f"<dovecot-sieve-1785513600-{number}@mail.acme.example>"),
        ("Date", "Fri, 31 Jul 2026 17:40:12 +0200"),
        ("From", "Claire Martin <claire.martin@acme.example>"),
        ("To", APPLICANT),
        ("Subject", subject),
        ("In-Reply-To", ORIG_ID),
        ("References", ORIG_ID),
        ("Auto-Submitted", "auto-replied (vacation)"),
        ("Precedence", "bulk"),
        ("X-Auto-Response-Suppress", "All"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]


# --- Group-Office's sieve module (Intermesh/groupoffice, AGPL community module): the
# out-of-office form starts from the reason "I am on vacation" (www/modules/sieve/SieveModule.php,
# loadOutOfOfficeMessage), as does the disabled "Standard vacation rule" of a new script
# (util/Sieve.php), translated in www/modules/sieve/language/*.php; the subject is set only
# when the administrator configures sieve_vacation_subject, so by default the sieve server
# writes its own (Pigeonhole's "Auto: <their subject>"), with the fields named for KDE's above.
GROUPOFFICE_TEXT = "I am on vacation"


def groupoffice(gitdir):
    if "'ooo_message'=> \\GO::t(\"%s\", \"sieve\")" % GROUPOFFICE_TEXT not in git_show(
            gitdir, GROUPOFFICE, "www/modules/sieve/SieveModule.php"):
        raise SystemExit("groupoffice: the default out-of-office message moved; read SieveModule.php again")
    files = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "--name-only", GROUPOFFICE,
                            "www/modules/sieve/language/"], check=True, capture_output=True).stdout.decode().split()
    seen = set()
    for n, path in enumerate(["en.php"] + sorted(f for f in files if not f.endswith("/en.php"))):
        lang = os.path.basename(path)[:-len(".php")]
        m = lang != "en" and re.search(r"'%s'\s*=>\s*'((?:[^'\\]|\\.)*)'" % GROUPOFFICE_TEXT, git_show(gitdir, GROUPOFFICE, path))
        text = m.group(1).replace("\\'", "'") if m else GROUPOFFICE_TEXT
        if text in seen:
            continue  # not translated: the English text, taken once
        seen.add(text)
        write(f"sys-groupoffice-{lang.lower().replace('_', '-')}.eml", pigeonhole_vacation(200 + n), text + "\n")


def quoted(n):
    return "\n".join(("> " + l).rstrip() for l in ORIG_TEXT.splitlines()[:n])


def helpdesks():
    # Zammad (db/seeds/triggers.rb, "auto reply (on new tickets)" and "… (on follow-up of
    # tickets)"): a trigger article from the System sender, sent with notification headers by
    # Channel::EmailBuild: X-Loop: yes, Precedence: bulk, Auto-Submitted: auto-generated,
    # X-Auto-Response-Suppress: All; multipart/alternative with the html2text of the body.
    for kind, what, subj in (("new", "Your request", "Thanks for your inquiry"),
                             ("followup", "Your follow-up for", "Thanks for your follow-up")):
        url = f"https://jobs.acme.example/#ticket/zoom/{TICKET[-3:]}"
        plain = (f"{what} (Ticket#{TICKET}) has been received and will be reviewed by our support staff.\n\n"
                 "To provide additional information, please reply to this email or click on the following link"
                 + (" (for initial login, please request a new password):" if kind == "new" else ":") +
                 f"\n{url}\n\nYour Acme Recruiting Team\n\nZammad [https://zammad.com], your customer support system\n")
        html = (f"<div>{what} <b>(Ticket#{TICKET})</b> has been received and will be reviewed by our support staff.</div>\n<br/>\n"
                "<div>To provide additional information, please reply to this email or click on the following link"
                + (" (for initial login, please request a new password):" if kind == "new" else ":") +
                f"\n<a href=\"{url}\">{url}</a>\n</div>\n<br/>\n<div>Your Acme Recruiting Team</div>\n<br/>\n"
                "<div><i><a href=\"https://zammad.com\">Zammad</a>, your customer support system</i></div>")
        write(f"sys-zammad-{kind}.eml", [
            ("Return-Path", "<jobs@acme.example>"),
            ("Date", "Fri, 31 Jul 2026 10:02:41 +0200"),
            ("From", "Acme Recruiting <jobs@acme.example>"),
            ("To", APPLICANT_ADDR),
            ("Message-ID", f"<{kind}.{TICKET}@zammad.acme.example>"),
            ("In-Reply-To", ORIG_ID),
            ("References", ORIG_ID),
            ("Subject", f"{subj} ({ORIG_SUBJECT}) [Ticket#{TICKET}]"),
            ("Mime-Version", "1.0"),
            ("Content-Type", 'multipart/alternative; boundary="--==_mimepart_zammad"'),
            ("Organization", "Acme"),
            ("X-Loop", "yes"),
            ("Precedence", "bulk"),
            ("Auto-Submitted", "auto-generated"),
            ("X-Auto-Response-Suppress", "All"),
            ("X-Powered-By", "Zammad - Helpdesk/Support (https://zammad.org/)"),
            ("X-Mailer", "Zammad Mail Service"),
        ], "----==_mimepart_zammad\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + plain +
           "\n----==_mimepart_zammad\nContent-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + html +
           "\n\n----==_mimepart_zammad--\n")

    # Znuny (scripts/database/otrs-initial_insert.mysql.sql, auto responses 2–4): sent by
    # ArticleSend with Loop => 1, so Kernel::System::Email writes X-Loop: yes, Precedence:
    # bulk, Auto-Submitted: auto-generated. <OTRS_CUSTOMER_EMAIL[6]> is the first six lines of
    # the customer's mail, quoted; <OTRS_CUSTOMER_SUBJECT[24]> its subject cut at 24 characters.
    znuny = {
        "reject": ("Your email has been rejected! (RE: {s})",
                   "Your previous ticket is closed.\n\n-- Your follow-up has been rejected. --\n\nPlease create a new ticket.\n\nYour Znuny Team\n"),
        "followup": ("RE: {s}",
                     "Thanks for your follow-up email\n\nYou wrote:\n{q}\n\nYour email will be answered by a human ASAP.\n\nHave fun with Znuny!\n\nYour Znuny Team\n"),
        "newticket": ("New ticket has been created! (RE: {s})",
                      "Your previous ticket is closed.\n\n-- A new ticket has been created for you. --\n\nYou wrote:\n{q}\n\nYour email will be answered by a human ASAP.\n\nHave fun with Znuny!\n\nYour Znuny Team\n"),
    }
    for kind, (subj, body) in znuny.items():
        write(f"sys-znuny-{kind}.eml", [
            ("Return-Path", "<jobs@acme.example>"),
            ("From", "Acme Recruiting <jobs@acme.example>"),
            ("To", APPLICANT),
            ("Subject", f"[Ticket#2026073110000011] " + subj.format(s=ORIG_SUBJECT[:24])),
            ("X-Loop", "yes"),
            ("Precedence", "bulk"),
            ("Auto-Submitted", "auto-generated"),
            ("In-Reply-To", ORIG_ID),
            ("References", ORIG_ID),
            ("Message-ID", f"<1785484961.{kind}.1@helpdesk.acme.example>"),
            ("Date", "Fri, 31 Jul 2026 10:02:41 +0200"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Transfer-Encoding", "8bit"),
            ("X-Mailer", "Znuny Mail Service"),
        ], body.format(q=quoted(6)))

    # osTicket (include/i18n/en_US/templates/email/ticket.autoresp, message.autoresp; not
    # ticket.autoreply, whose text is the helpdesk's own canned response): Email::sendAutoReply, so the Mailer writes Precedence: auto_reply,
    # X-Autoreply: yes, X-Auto-Response-Suppress: DR, RN, OOF, AutoReply, Auto-Submitted:
    # auto-replied; HTML with its text alternative.
    link = f"https://jobs.acme.example/view.php?t={TICKET}"
    ost = {
        "ticket-autoresp": (f"Support Ticket Opened [#{TICKET}]",
                            f"Dear Alex,\n\nA request for support has been created and assigned #{TICKET}. A representative will follow-up with you as soon as possible. You can view this ticket's progress online [{link}].\n\nYour Acme Team,\n\nAcme Recruiting\n\n--------------------------------\n\nIf you wish to provide additional comments or information regarding the issue, please reply to this email or login to your account [{link}] for a complete archive of your support requests.\n"),
        "message-autoresp": ("Message Confirmation",
                             f"Dear Alex,\n\nYour reply to support request #{TICKET} [{link}] has been noted\n\nYour Acme Team,\nAcme Recruiting\n\n--------------------------------\n\nYou can view the support request progress online here [{link}]\n"),
    }
    for kind, (subj, plain) in ost.items():
        write(f"sys-osticket-{kind}.eml", [
            ("Return-Path", "<jobs@acme.example>"),
            ("Date", "Fri, 31 Jul 2026 10:02:41 +0200"),
            ("From", "Acme Recruiting <jobs@acme.example>"),
            ("To", "Alex Morgan <alex.morgan@mail.example>"),
            ("Subject", subj),
            ("Message-ID", f"<oAx8-{kind}-{TICKET}@jobs.acme.example>"),
            ("In-Reply-To", ORIG_ID),
            ("References", ORIG_ID),
            ("Precedence", "auto_reply"),
            ("X-Autoreply", "yes"),
            ("X-Auto-Response-Suppress", "DR, RN, OOF, AutoReply"),
            ("Auto-Submitted", "auto-replied"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Transfer-Encoding", "8bit"),
        ], plain)

    # Request Tracker (etc/initialdata, template "Autoreply"): RT::Action::Autoreply sets
    # Auto-Submitted: auto-replied; SendEmail adds X-RT-Loop-Prevention, X-RT-Ticket,
    # X-Managed-by, X-RT-Originator; Interface::Email adds Precedence: bulk
    # ($DefaultMailPrecedence). The transaction's content follows the line.
    write("sys-rt-autoreply.eml", [
        ("Return-Path", "<jobs@acme.example>"),
        ("Subject", f"[acme.example #{TICKET}] AutoReply: {ORIG_SUBJECT}"),
        ("From", "\"Acme Recruiting via RT\" <jobs@acme.example>"),
        ("Reply-To", "jobs@acme.example"),
        ("In-Reply-To", ORIG_ID),
        ("References", f"<RT-Ticket-{TICKET}@acme.example> {ORIG_ID}"),
        ("Message-ID", f"<rt-5.0.8-12345-1785484961-1.{TICKET}-5-0@acme.example>"),
        ("Precedence", "bulk"),
        ("X-RT-Loop-Prevention", "acme.example"),
        ("X-RT-Ticket", f"acme.example #{TICKET}"),
        ("X-Managed-by", "RT 5.0.8 (http://www.bestpractical.com/rt/)"),
        ("X-RT-Originator", APPLICANT_ADDR),
        ("Auto-Submitted", "auto-replied"),
        ("To", APPLICANT_ADDR),
        ("Content-Type", "text/plain; charset=\"utf-8\""),
        ("Content-Transfer-Encoding", "8bit"),
        ("Date", "Fri, 31 Jul 2026 10:02:41 +0200"),
        ("MIME-Version", "1.0"),
    ], f"""
Greetings,

This message has been automatically generated in response to the
creation of a trouble ticket regarding:
        "{ORIG_SUBJECT}",
a summary of which appears below.

There is no need to reply to this message right now.  Your ticket has been
assigned an ID of [acme.example #{TICKET}].

Please include the string:

         [acme.example #{TICKET}]

in the subject line of all future correspondence about this issue. To do so,
you may reply to this message.

                        Thank you,
                        jobs@acme.example

-------------------------------------------------------------------------
{ORIG_TEXT}""")


def vacations():
    # vacation 3.3.3 (Debian's vacation(1), vacation.c): "vacation -i" writes the default
    # ~/.vacation.msg; sendmessage() pipes "To:" and the file to sendmail -f LOGIN, which adds
    # From, Date and Message-ID. No Precedence, no Auto-Submitted.
    write("sys-vacation-debian.eml", [
        ("Return-Path", "<claire>"),
        ("Date", "Fri, 31 Jul 2026 17:40:12 +0200"),
        ("From", "Claire Martin <claire@acme.example>"),
        ("Message-ID", "<20260731154012.GA3311@acme.example>"),
        ("To", APPLICANT_ADDR),
        ("Subject", "away from my mail"),
    ], f"I will not be reading my mail for a while.\nYour mail concerning \"{ORIG_SUBJECT}\"\nwill be read when I return.\n")
    # OpenWebMail's vacation.pl (create_default_vacation_msg, adjust_replymsg): the default
    # message, its subject, and Precedence: junk added when the message has none.
    write("sys-openwebmail-vacation.eml", [
        ("Return-Path", "<claire@acme.example>"),
        ("Date", "Fri, 31 Jul 2026 17:40:12 +0200"),
        ("From", "claire@acme.example"),
        ("Message-ID", "<20260731154012.3311@acme.example>"),
        ("To", APPLICANT_ADDR),
        ("Subject", f"This is an autoreply...[Re: {ORIG_SUBJECT}]"),
        ("Precedence", "junk"),
    ], f"I will not be reading my mail for a while.\nYour mail regarding '{ORIG_SUBJECT}' will be read when I return.\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--postfixadmin", required=True, help="git dir of postfixadmin/postfixadmin")
    p.add_argument("--libksieve", required=True, help="git dir of KDE/libksieve")
    p.add_argument("--modoboa", required=True, help="git dir of modoboa/modoboa-postfix-autoreply")
    p.add_argument("--openpaas", required=True, help="git dir of linagora/linagora.esn.unifiedinbox")
    p.add_argument("--tuta", required=True, help="git dir of tutao/tutanota")
    p.add_argument("--avelsieve", required=True, help="git dir of masegaloeh/avelsieve-latest")
    p.add_argument("--groupoffice", required=True, help="git dir of Intermesh/groupoffice")
    a = p.parse_args()
    postfixadmin(a.postfixadmin)
    libksieve(a.libksieve)
    modoboa(a.modoboa)
    openpaas(a.openpaas)
    tuta(a.tuta)
    avelsieve(a.avelsieve)
    groupoffice(a.groupoffice)
    helpdesks()
    vacations()


if __name__ == "__main__":
    main()

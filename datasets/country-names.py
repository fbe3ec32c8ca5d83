#!/usr/bin/python3
"""Writes datasets/country-names.tsv: the country names metaclust accepts in a
country column, one (code, name, source) row each.

Source: Debian's iso-codes package (Debian's copy of the ISO 3166-1 list,
https://salsa.debian.org/iso-codes-team/iso-codes, LGPL-2.1+): the English
name, official name and common name of every country, its alpha-3 code, and
the translations of those names into the languages of Europe from the
package's gettext catalogues; plus the variants below, added by hand (short
forms, former names, ISO names the catalogues lack, and Kosovo, which ISO
3166-1 does not list). A name that would mean two countries is left out.

Run: python3 datasets/country-names.py > datasets/country-names.tsv
(needs iso-codes; the committed TSV is what the build uses).
"""
import gettext
import json
import sys
import unicodedata

LANGS = ("bg cs da de el es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv "
         "sq bs sr mk uk be ru nb is tr ca").split()

VARIANTS = {
    "CZ": ["Czech Republic", "Czechia", "Česko", "Česká republika", "Ceska republika", "ČR",
           "Tschechei", "Czechy", "Cseh Köztársaság"],
    "SK": ["Slovak Republic", "Slovensko", "Slovenská republika"],
    "DE": ["Deutschland", "Bundesrepublik Deutschland", "BRD", "Federal Republic of Germany",
           "Niemcy", "Německo", "Németország"],
    "AT": ["Österreich", "Republik Österreich", "Rakousko", "Rakúsko", "Austria"],
    "PL": ["Polska", "Rzeczpospolita Polska", "Republic of Poland"],
    "HU": ["Magyarország", "Magyarorszag", "Maďarsko"],
    "GB": ["Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland",
           "United Kingdom of Great Britain and Northern Ireland", "U.K."],
    "US": ["USA", "U.S.A.", "U.S.", "United States of America", "America"],
    "NL": ["Holland", "The Netherlands", "Nederland"],
    "RU": ["Russia", "Russian Federation", "Россия"],
    "KR": ["Korea", "South Korea", "Republic of Korea", "대한민국"],
    "KP": ["North Korea"],
    "TR": ["Turkey", "Türkiye", "Turkiye", "Republic of Türkiye"],
    "MK": ["Macedonia", "North Macedonia", "Republic of North Macedonia", "FYROM",
           "Former Yugoslav Republic of Macedonia", "Северна Македонија", "Severna Makedonija"],
    "MD": ["Moldova", "Republica Moldova"],
    "BA": ["Bosnia", "Bosnia-Herzegovina", "Bosna i Hercegovina", "Босна и Херцеговина"],
    "XK": ["Kosovo", "Kosova", "Kosovë", "Косово", "XKX"],
    "VA": ["Vatican", "Holy See", "Vatican City State"],
    "IT": ["Italia", "Italian Republic"],
    "HR": ["Hrvatska", "Republika Hrvatska"],
    "SI": ["Slovenija", "Republika Slovenija"],
    "RO": ["România", "Romania"],
    "BG": ["България", "Balgariya", "Bulgaria"],
    "GR": ["Hellas", "Hellenic Republic", "Ελλάδα", "Ελλάς", "Ellada"],
    "RS": ["Srbija", "Србија", "Republic of Serbia"],
    "ME": ["Crna Gora", "Црна Гора"],
    "AL": ["Shqipëria", "Shqiperia"],
    "UA": ["Україна", "Ukrajina"],
    "BY": ["Беларусь", "Byelorussia", "Belorussia"],
    "CH": ["Schweiz", "Suisse", "Svizzera", "Svizra", "Confoederatio Helvetica"],
    "IE": ["Éire", "Eire", "Republic of Ireland"],
    "LU": ["Lëtzebuerg", "Luxemburg"],
    "CN": ["People's Republic of China", "PRC", "中国"],
    "TW": ["Taiwan", "Chinese Taipei"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "VN": ["Vietnam", "Viet Nam"],
    "LA": ["Laos"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "CD": ["DR Congo", "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "Republic of the Congo"],
    "CI": ["Ivory Coast", "Côte d'Ivoire"],
    "CV": ["Cape Verde"],
    "SZ": ["Swaziland"],
    "PS": ["Palestine"],
    "FM": ["Micronesia"],
    "GE": ["Sakartvelo"],
    "ES": ["España", "Espanya"],
    "PT": ["Portugal"],
    "FR": ["République française"],
    "BE": ["België", "Belgique", "Belgien"],
    "DK": ["Danmark"],
    "SE": ["Sverige"],
    "NO": ["Norge", "Noreg"],
    "FI": ["Suomi"],
    "IS": ["Ísland"],
    "EE": ["Eesti"],
    "LV": ["Latvija"],
    "LT": ["Lietuva"],
    "MT": ["Malta"],
    "CY": ["Κύπρος", "Kıbrıs"],
}


def key(s):
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    for a, b in (("ł", "l"), ("ø", "o"), ("đ", "d"), ("ı", "i"), ("æ", "ae"), ("œ", "oe"),
                 ("þ", "th"), ("ħ", "h"), ("ß", "ss")):
        s = s.replace(a, b)
    return "".join(c for c in s if c.isalnum())


def main():
    countries = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]
    rows = []  # (code, name, source)
    for c in countries:
        code = c["alpha_2"]
        english = [c[f] for f in ("name", "official_name", "common_name") if f in c]
        rows.append((code, c["alpha_3"], "ISO 3166-1 alpha-3"))
        for n in english:
            rows.append((code, n, "en"))
        for lang in LANGS:
            t = gettext.translation("iso_3166-1", languages=[lang], fallback=True)
            for n in english:
                tn = t.gettext(n)
                if tn != n:
                    rows.append((code, tn, lang))
    for code, names in VARIANTS.items():
        for n in names:
            rows.append((code, n, "variant"))
    codes_of = {}
    for code, name, _ in rows:
        codes_of.setdefault(key(name), set()).add(code)
    seen = set()
    out = []
    for code, name, src in rows:
        k = key(name)
        if not k or "\t" in name or "\n" in name:
            continue
        if len(codes_of[k]) > 1:
            print("ambiguous, left out: %s (%s)" % (name, ", ".join(sorted(codes_of[k]))),
                  file=sys.stderr)
            continue
        if (code, k) in seen:
            continue
        seen.add((code, k))
        out.append((code, name, src))
    out.sort(key=lambda r: (r[0], r[2] != "en", r[1]))
    print("code\tname\tsource")
    for r in out:
        print("\t".join(r))


main()

package policy

import (
	_ "embed"
	"strings"
)

// freeMailList is a maintained public list of mail providers' domains (freemail/README.md:
// its source, its licence, and the script that refreshes it).
//
//go:embed freemail/domains.txt
var freeMailList string

// freeMail are domains where an address says nothing about the employer: mail from
// another address at one of them is not a reply from "the company". The list, and a few
// the list does not hold.
var freeMail = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range strings.Fields(freeMailList) {
		m[d] = true
	}
	for d := range freeMailExtra {
		m[d] = true
	}
	return m
}()

// freeMailExtra are providers the list may lack.
var freeMailExtra = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "outlook.com": true, "hotmail.com": true, "live.com": true,
	"msn.com": true, "yahoo.com": true, "ymail.com": true, "icloud.com": true, "me.com": true, "mac.com": true,
	"aol.com": true, "proton.me": true, "protonmail.com": true, "pm.me": true, "gmx.de": true, "gmx.net": true,
	"gmx.com": true, "web.de": true, "t-online.de": true, "yandex.ru": true, "yandex.com": true, "mail.ru": true,
	"qq.com": true, "163.com": true, "126.com": true, "zoho.com": true, "fastmail.com": true, "hey.com": true,
	"tutanota.com": true, "mail.com": true, "orange.fr": true, "free.fr": true, "libero.it": true,
}

// IsFreeMail reports whether domain is a public mail provider's.
func IsFreeMail(domain string) bool { return freeMail[strings.ToLower(strings.TrimSpace(domain))] }

// Domain returns the lower-cased domain of an address.
func Domain(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return strings.ToLower(addr[i+1:])
	}
	return ""
}

package policy

import "testing"

// TestIsFreeMail: the maintained list is in force (yahoo.co.uk was missing from the list
// followup kept by hand, and anyone there counted as the company of an interviewer there);
// a company's own domain is not free mail.
func TestIsFreeMail(t *testing.T) {
	for _, d := range []string{"gmail.com", "yahoo.co.uk", "GMX.de", " web.de ", "hotmail.fr", "proton.me", "yandex.ru"} {
		if !IsFreeMail(d) {
			t.Errorf("%q is not taken for free mail", d)
		}
	}
	for _, d := range []string{"acme.test", "google.com", "stripe.com", ""} {
		if IsFreeMail(d) {
			t.Errorf("%q is taken for free mail", d)
		}
	}
	if len(freeMail) < 10000 {
		t.Errorf("%d free-mail domains: the vendored list is not read", len(freeMail))
	}
}

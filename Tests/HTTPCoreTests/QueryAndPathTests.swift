// SPDX-License-Identifier: Apache-2.0
// The request target split into a percent-decoded path and a query parsed as Go's url.ParseQuery does.

import Testing

@testable import HTTPCore

@Suite struct QueryAndPathTests {
    @Test func targetSplitsIntoPathAndQuery() {
        let head = HTTPRequestHead(method: "GET", target: "/containers/json?all=1&filters=%7B%22type%22%3A%5B%22container%22%5D%7D")
        #expect(head.path == "/containers/json")
        #expect(head.rawQuery == "all=1&filters=%7B%22type%22%3A%5B%22container%22%5D%7D")
        let query = QueryItems(parsing: head.rawQuery)
        #expect(query["filters"] == #"{"type":["container"]}"#)
        #expect(query["all"] == "1")
        #expect(HTTPRequest(head: head).query["filters"] == #"{"type":["container"]}"#)
    }

    @Test(arguments: [("/info", "/info", ""), ("/info?", "/info", ""), ("/a?b?c", "/a", "b?c"), ("/?x=1", "/", "x=1")])
    func pathAndRawQuery(target: String, path: String, query: String) {
        let head = HTTPRequestHead(method: "GET", target: target)
        #expect(head.path == path)
        #expect(head.rawQuery == query)
    }

    @Test func pathIsPercentDecodedButPlusStaysPlus() {
        #expect(HTTPRequestHead(method: "GET", target: "/containers/my%20app/json").path == "/containers/my app/json")
        #expect(HTTPRequestHead(method: "GET", target: "/images/a+b/json").path == "/images/a+b/json")
        // A decoded %2F becomes a separator for routing, as in moby (gorilla mux matches the decoded path).
        #expect(HTTPRequestHead(method: "GET", target: "/images/a%2Fb/json").path == "/images/a/b/json")
        #expect(HTTPRequestHead(method: "GET", target: "/x%e2%82%ACy?q=%41").path == "/x€y")
    }

    @Test(arguments: ["/a%zzb", "/a%4", "/a%", "/a%FF"])
    func malformedEscapesInPathKeepTheRawText(target: String) {
        #expect(HTTPRequestHead(method: "GET", target: target).path == target)
    }

    @Test func plusIsSpaceInQueries() {
        let query = QueryItems(parsing: "q=a+b%2Bc&k+1=v")
        #expect(query["q"] == "a b+c")
        #expect(query["k 1"] == "v")
    }

    @Test func repeatedKeysAreKeptInOrder() {
        let query = QueryItems(parsing: "label=a&x=1&label=b&label=")
        #expect(query.all("label") == ["a", "b", ""])
        #expect(query["label"] == "a")
        #expect(query.items.map(\.key) == ["label", "x", "label", "label"])
    }

    @Test func hasSeesKeysWithoutValues() {
        let query = QueryItems(parsing: "force&v=&&stream=1")
        #expect(query.has("force"))
        #expect(query["force"] == "")
        #expect(query.has("v"))
        #expect(query.has("stream"))
        #expect(!query.has("link"))
        #expect(!query.has(""))
        #expect(query.items.count == 3)
    }

    @Test func onlyTheFirstEqualsSplits() {
        #expect(QueryItems(parsing: "filter=a=b=c")["filter"] == "a=b=c")
        #expect(QueryItems(parsing: "=v").items.first?.key == "")
    }

    @Test func malformedEscapesInQueryKeepTheRawText() {
        let query = QueryItems(parsing: "a=%zz&b=%4&c=ok%21")
        #expect(query["a"] == "%zz")
        #expect(query["b"] == "%4")
        #expect(query["c"] == "ok!")
    }

    @Test func emptyQueryHasNoItems() {
        #expect(QueryItems(parsing: "").items.isEmpty)
        #expect(QueryItems(parsing: "&&").items.isEmpty)
    }

    @Test func percentDecoding() {
        #expect(PercentEncoding.decode("a%20b%2fc") == "a b/c")
        #expect(PercentEncoding.decode("a+b") == "a+b")
        #expect(PercentEncoding.decode("a+b", plusIsSpace: true) == "a b")
        #expect(PercentEncoding.decode("%e2%82%ac%E2%82%AC") == "€€")
        #expect(PercentEncoding.decode("plain") == "plain")
        #expect(PercentEncoding.decode("") == "")
        #expect(PercentEncoding.decode("%") == nil)
        #expect(PercentEncoding.decode("%4") == nil)
        #expect(PercentEncoding.decode("%4g") == nil)
        #expect(PercentEncoding.decode("%C3") == nil, "a lone UTF-8 lead byte is not text")
    }

    @Test func percentEncodingKeepsOnlyUnreserved() {
        #expect(PercentEncoding.encode("aZ09-._~") == "aZ09-._~")
        #expect(PercentEncoding.encode("a b/€+?&=%") == "a%20b%2F%E2%82%AC%2B%3F%26%3D%25")
        let text = #"{"label":["com.example=1"]} ü"#
        #expect(PercentEncoding.decode(PercentEncoding.encode(text)) == text)
    }
}

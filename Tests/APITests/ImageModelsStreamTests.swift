// SPDX-License-Identifier: Apache-2.0
// Progress-stream messages and registry credentials: exact bytes as dockerd writes them and the docker CLI sends them.

import Models
import Testing

@Suite struct ImageModelsStreamTests {
    @Test func progressMessagesMatchDockerdBytes() throws {
        let downloading = ProgressMessage(
            status: "Downloading", progressDetail: .init(current: 1_048_576, total: 2_479_322), progress: "[=>   ]  1.049MB/2.479MB",
            id: "2db29710123e")
        #expect(
            try JSONCoding.encodeString(downloading)
                == #"{"id":"2db29710123e","progress":"[=>   ]  1.049MB/2.479MB","progressDetail":{"current":1048576,"total":2479322},"status":"Downloading"}"#
        )
        // dockerd writes an empty detail on status-only layer lines.
        let waiting = ProgressMessage(status: "Pulling fs layer", progressDetail: .init(), id: "2db29710123e")
        #expect(try JSONCoding.encodeString(waiting) == #"{"id":"2db29710123e","progressDetail":{},"status":"Pulling fs layer"}"#)
        #expect(try JSONCoding.encodeString(ProgressMessage(status: "Digest: sha256:ab")) == #"{"status":"Digest: sha256:ab"}"#)
        let failure = ProgressMessage.failure("manifest for busybox:nope not found: manifest unknown")
        #expect(
            try JSONCoding.encodeString(failure)
                == #"{"error":"manifest for busybox:nope not found: manifest unknown","errorDetail":{"message":"manifest for busybox:nope not found: manifest unknown"}}"#
        )
        let pushed = ProgressMessage(aux: .init(tag: "latest", digest: "sha256:ab", size: 527))
        #expect(try JSONCoding.encodeString(pushed) == #"{"aux":{"Digest":"sha256:ab","Size":527,"Tag":"latest"}}"#)
        #expect(
            try JSONCoding.encodeString(ProgressMessage(stream: "Loaded image: busybox:latest\n"))
                == #"{"stream":"Loaded image: busybox:latest\n"}"#)
    }

    @Test func progressMessagesDecodeWhatDockerdSends() throws {
        let line =
            #"{"status":"Extracting","progressDetail":{"current":32768,"total":2479,"start":1700000000,"hidecounts":false},"id":"2db2","from":"x","time":1}"#
        let message = try JSONCoding.decode(ProgressMessage.self, from: line)
        #expect(message.status == "Extracting" && message.id == "2db2")
        #expect(message.progressDetail == .init(current: 32768, total: 2479, start: 1_700_000_000, hideCounts: false))
        let error = try JSONCoding.decode(ProgressMessage.self, from: #"{"errorDetail":{"code":1,"message":"boom"},"error":"boom"}"#)
        #expect(error.errorDetail == .init(code: 1, message: "boom") && error.error == "boom")
    }

    @Test func authConfigUsesTheCLIsLowercaseKeys() throws {
        let sent =
            #"{"username":"hannibal","password":"xxxx","serveraddress":"localhost:5000","email":"","identitytoken":"","registrytoken":""}"#
        let auth = try JSONCoding.decode(AuthConfig.self, from: sent)
        #expect(auth.username == "hannibal" && auth.password == "xxxx" && auth.serverAddress == "localhost:5000")
        #expect(auth.identityToken == "" && auth.registryToken == "" && auth.auth == nil)
        let token = AuthConfig(serverAddress: "https://index.docker.io/v1/", identityToken: "9cbaf023786cd7")
        #expect(try JSONCoding.encodeString(token) == #"{"identitytoken":"9cbaf023786cd7","serveraddress":"https://index.docker.io/v1/"}"#)
        let full = AuthConfig(username: "u", password: "p", auth: "dTpw", email: "e", registryToken: "r")
        #expect(try JSONCoding.encodeString(full) == #"{"auth":"dTpw","email":"e","password":"p","registrytoken":"r","username":"u"}"#)
    }

    @Test func authConfigDescriptionHidesSecrets() {
        let auth = AuthConfig(username: "hannibal", password: "s3cret", serverAddress: "localhost:5000", identityToken: "tok3n")
        let text = "\(auth)"
        #expect(!text.contains("s3cret") && !text.contains("tok3n"))
        #expect(text.contains("hannibal") && text.contains("localhost:5000") && text.contains("password") && text.contains("identitytoken"))
    }

    @Test func authResponseShape() throws {
        #expect(try JSONCoding.encodeString(AuthResponse()) == #"{"Status":"Login Succeeded"}"#)
        #expect(
            try JSONCoding.encodeString(AuthResponse(identityToken: "9cbaf023786cd7"))
                == #"{"IdentityToken":"9cbaf023786cd7","Status":"Login Succeeded"}"#)
    }
}

// SPDX-License-Identifier: Apache-2.0
// `--change` instructions for import/commit: forms, quoting, and moby's refusal of other instructions.

import Engine
import Testing

@Suite struct ImageChangesTests {
    @Test func commandFormsAndSettings() throws {
        let changes = try ImageChanges(parsing: [
            "CMD [\"/bin/sh\", \"-c\", \"echo hi\"]", "ENTRYPOINT top -b", "ENV A=1 B=\"two words\"", "ENV LEGACY some value",
            "EXPOSE 80 53/udp", "LABEL maintainer=me", "USER nobody", "WORKDIR /srv", "VOLUME [\"/data\"]", "STOPSIGNAL SIGINT",
        ])
        #expect(changes.cmd == ["/bin/sh", "-c", "echo hi"])
        #expect(changes.entrypoint == ["/bin/sh", "-c", "top -b"])
        #expect(changes.env == ["A=1", "B=two words", "LEGACY=some value"])
        #expect(changes.exposedPorts == ["80/tcp", "53/udp"])
        #expect(changes.labels == ["maintainer": "me"])
        #expect(changes.user == "nobody" && changes.workingDir == "/srv" && changes.stopSignal == "SIGINT")
        #expect(changes.volumes == ["/data"])
    }

    @Test func otherInstructionsAreRefusedWithMobysMessage() {
        #expect(throws: EngineError.invalidParameter("RUN is not a valid change command")) {
            try ImageChanges(parsing: ["RUN rm -rf /"])
        }
        #expect(throws: EngineError.invalidParameter("ENV names can not be blank")) {
            try ImageChanges(parsing: ["ENV =x"])
        }
    }

    @Test func lowercaseKeywordsAndBlankLinesAreFine() throws {
        let changes = try ImageChanges(parsing: ["", "cmd echo", "  user root"])
        #expect(changes.cmd == ["/bin/sh", "-c", "echo"])
        #expect(changes.user == "root")
    }
}

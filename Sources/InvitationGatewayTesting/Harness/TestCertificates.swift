import Foundation
import NIOSSL

/// A throwaway CA and a server certificate for `localhost`/`127.0.0.1` it signed, made with the `openssl` CLI.
public struct TestCertificates: Sendable {
    /// The folder holding the PEM files.
    public let directory: String
    /// The CA certificate (PEM): the `caBundle` that makes the server trusted.
    public var caFile: String { directory + "/ca.pem" }
    public var serverCertificateFile: String { directory + "/server.pem" }
    public var serverKeyFile: String { directory + "/server-key.pem" }

    /// Generates fresh keys and certificates in a new temporary folder.
    public static func generate() throws -> TestCertificates {
        let directory = NSTemporaryDirectory() + "gateway-tls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let extensions = directory + "/server.ext"
        try
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
            .write(toFile: extensions, atomically: true, encoding: .utf8)
        let steps: [[String]] = [
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=Gateway Test CA", "-keyout", "\(directory)/ca-key.pem", "-out", "\(directory)/ca.pem",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ],
            [
                "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=localhost",
                "-keyout", "\(directory)/server-key.pem", "-out", "\(directory)/server.csr",
            ],
            [
                "x509", "-req", "-in", "\(directory)/server.csr", "-CA", "\(directory)/ca.pem", "-CAkey",
                "\(directory)/ca-key.pem", "-CAcreateserial", "-days", "2", "-extfile", extensions, "-out",
                "\(directory)/server.pem",
            ],
        ]
        for arguments in steps {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CocoaError(
                    .executableLoad, userInfo: [NSLocalizedDescriptionKey: "openssl \(arguments[0]) failed"])
            }
        }
        return TestCertificates(directory: directory)
    }

    /// The stub server's TLS settings (this certificate and key).
    public func serverConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(serverCertificateFile).map {
            NIOSSLCertificateSource.certificate($0)
        }
        return TLSConfiguration.makeServerConfiguration(
            certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: serverKeyFile, format: .pem)))
    }

    /// Deletes the files.
    public func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}

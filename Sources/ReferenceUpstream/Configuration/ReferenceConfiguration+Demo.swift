extension ReferenceConfiguration {
    /// The demo world: organization `acme` with an owner and a plain member, and one outside invitee.
    ///
    /// Tokens: `demo-admin-token` (Ada Admin, owner of acme), `demo-member-token` (Max Member, member of
    /// acme, may not invite) and `demo-invitee-token` (Ivy Invitee, no membership).
    public static var demo: ReferenceConfiguration {
        ReferenceConfiguration(
            organizations: [
                OrganizationSeed(
                    id: "acme", slug: "acme", uuid: "5b8f0e3c-2d7a-4c1e-9f4b-6a2d8c3e1f70", name: "Acme Inc.",
                    logoURL: "https://acme.example/logo.png",
                    members: [MemberSeed(userID: "ada", role: "owner"), MemberSeed(userID: "max", role: "member")])
            ],
            users: [
                UserSeed(id: "ada", name: "Ada Admin", email: "ada@acme.example"),
                UserSeed(id: "max", name: "Max Member", email: "max@acme.example"),
                UserSeed(id: "ivy", name: "Ivy Invitee", email: "ivy@example.com"),
            ],
            tokens: [
                "demo-admin-token": "ada",
                "demo-member-token": "max",
                "demo-invitee-token": "ivy",
            ]
        )
    }
}

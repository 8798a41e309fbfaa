import Testing

@Test func gatewayStateTargetBuilds() { #expect(Int("1") == 1) }

package app.flashcastr.consumer.pin;

/**
 * Whether a string looks like an IPFS CID: CIDv0 ({@code Qm} and 44 base58btc characters)
 * or CIDv1 in base32 ({@code b} and lower-case base32, e.g. {@code bafy…}/{@code bafk…}).
 * A shape check, so that a garbled answer is never stored.
 */
final class CidFormat {

	private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

	private CidFormat() {
	}

	static boolean wellFormed(String cid) {
		if (cid == null) {
			return false;
		}
		if (cid.length() == 46 && cid.startsWith("Qm")) {
			for (int i = 2; i < cid.length(); i++) {
				if (BASE58.indexOf(cid.charAt(i)) < 0) {
					return false;
				}
			}
			return true;
		}
		if (cid.length() >= 50 && cid.length() <= 120 && cid.charAt(0) == 'b') {
			for (int i = 1; i < cid.length(); i++) {
				char c = cid.charAt(i);
				if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

}

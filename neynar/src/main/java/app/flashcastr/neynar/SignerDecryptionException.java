package app.flashcastr.neynar;

/**
 * A stored signer cannot be decrypted: it is malformed, was tampered with, or was
 * encrypted with another key. The message never contains the stored value or the key.
 */
public class SignerDecryptionException extends RuntimeException {

	SignerDecryptionException(String message) {
		super(message);
	}

	SignerDecryptionException(String message, Throwable cause) {
		super(message, cause);
	}

}

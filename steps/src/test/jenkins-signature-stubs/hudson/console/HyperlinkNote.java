// Signature stub: jenkinsci/jenkins core/src/main/java/hudson/console/HyperlinkNote.java
// (extends ConsoleNote; only the static encoder the plugin calls is kept)
package hudson.console;

public class HyperlinkNote {
    public HyperlinkNote(String url, int length) {
        throw new UnsupportedOperationException("signature stub");
    }

    public static String encodeTo(String url, String text) {
        throw new UnsupportedOperationException("signature stub");
    }
}

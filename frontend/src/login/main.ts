// Entry of the pre-rendered login page (login.html): see sign-in.ts.
import { start } from '@/login/sign-in';

start(document, window);

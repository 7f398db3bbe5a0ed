import { HomeRedirect } from "./_components/home-redirect";

export default function Home() {
  return <HomeRedirect />;
}
